// Puts one of the patron services on the test page as a partner page would: attributes on the
// element, pointed at the tests' relay and the Riverside Public Library unless told otherwise.
import { relayUrl } from './test-env.js';

type ServiceTag = 'atrium-widget' | 'atrium-search' | 'atrium-booking' | 'atrium-chat' | 'atrium-ask';

/** Appends `<tag>` with `attributes` over the defaults and waits for its first render. */
export async function mountService<K extends ServiceTag>(
  tag: K,
  attributes: Record<string, string> = {},
): Promise<HTMLElementTagNameMap[K]> {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries({ relay: relayUrl(), member: 'riverside-library', ...attributes })) {
    element.setAttribute(name, value);
  }
  document.body.append(element);
  await element.updateComplete;
  return element;
}
