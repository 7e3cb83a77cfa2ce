// The console's strings and formatters in the language that applies to the host. Follows the
// same `lang` rules as the widget (it wraps LocalizeController) but reads the console's own
// translations, which the patron widget's bundle never carries.
import type { ReactiveControllerHost } from 'lit';
import { LocalizeController } from '../../controllers/localize-controller.js';
import type { Formatters } from '../../localize/formatters.js';
import type { LocaleId } from '../../localize/resolve-locale.js';
import { consoleTranslations, type ConsoleTranslation } from '../../translations/console/translations.js';

export class ConsoleLocalizeController {
  private readonly inner: LocalizeController;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.inner = new LocalizeController(host);
  }

  get t(): ConsoleTranslation {
    return consoleTranslations[this.inner.locale];
  }

  get f(): Formatters {
    return this.inner.f;
  }

  get locale(): LocaleId {
    return this.inner.locale;
  }

  /** The BCP 47 tag in effect, for dates and times. */
  get lang(): string {
    return this.inner.lang || 'en';
  }
}
