import { AtriumConsoleQuestions } from './atrium-console-questions.component.js';

export { AtriumConsoleQuestions };

if (!customElements.get('atrium-console-questions')) customElements.define('atrium-console-questions', AtriumConsoleQuestions);

declare global {
  interface HTMLElementTagNameMap {
    'atrium-console-questions': AtriumConsoleQuestions;
  }
}
