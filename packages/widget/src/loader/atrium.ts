// The one script a partner page embeds:
//   <script type="module" src="https://relay.example.org/widget/atrium.js" data-member="riverside-library"></script>
// It shows a launcher straight away and downloads the full widget only when a patron opens it,
// so pages that are never used for searching pay a few KB. No Lit here, on purpose.
import { launcherCss, launcherIcon } from '../internal/launcher-look.js';
import { languageOf, resolveLocale } from '../localize/resolve-locale.js';
import { launcherLabels, loadFailedLabels } from '../translations/launcher-labels.js';

interface EmbedSettings {
  member: string;
  lang: string;
  placement: string;
  relay: string;
  theme: string;
  key: string;
}

/** Module scripts have no document.currentScript; find ours by its resolved address. */
function ownScript(): HTMLScriptElement | undefined {
  const scripts = [...document.querySelectorAll<HTMLScriptElement>('script[src]')];
  const self = new URL(import.meta.url);
  const samePath = (script: HTMLScriptElement) => {
    const url = new URL(script.src, document.baseURI);
    return url.origin === self.origin && url.pathname === self.pathname;
  };
  return scripts.find((script) => script.src === self.href) ?? scripts.find(samePath);
}

function readSettings(script: HTMLScriptElement | undefined): EmbedSettings {
  const data = script?.dataset ?? {};
  return {
    member: data['member'] ?? '',
    lang: data['lang'] ?? '',
    placement: data['placement'] === 'inline' ? 'inline' : 'floating',
    relay: data['relay'] ?? '',
    theme: data['theme'] ?? '',
    key: data['key'] ?? '',
  };
}

/**
 * Hands the main thread back to the page for a moment. Starting the widget (running its code,
 * first render, opening the panel) would otherwise be one long task that a slow phone cannot
 * interrupt to scroll or take a tap.
 */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

type WidgetElement = HTMLElement & { open(): Promise<void>; updateComplete: Promise<unknown> };

function createWidget(settings: EmbedSettings): WidgetElement {
  const widget = document.createElement('atrium-widget') as WidgetElement;
  if (settings.member) widget.setAttribute('member', settings.member);
  if (settings.lang) widget.setAttribute('lang', settings.lang);
  if (settings.relay) widget.setAttribute('relay', settings.relay);
  if (settings.theme) widget.setAttribute('theme', settings.theme);
  if (settings.key) widget.setAttribute('key', settings.key);
  widget.setAttribute('placement', settings.placement);
  return widget;
}

async function loadWidget(lang: string): Promise<void> {
  const widget: { preloadLanguage?: (tag: string) => Promise<void> } = await import(
    /* @vite-ignore */ new URL('./atrium-widget.js', import.meta.url).href
  );
  // The panel's first paint is in the reader's language: its texts arrive with the widget.
  if (lang) await widget.preloadLanguage?.(lang);
  await customElements.whenDefined('atrium-widget');
}

/** A launcher that looks like the widget's own and swaps itself for the widget on first use. */
function mountLauncher(settings: EmbedSettings, anchor: HTMLScriptElement | undefined): void {
  // A custom-element name, never defined: it can hold a shadow root and pages can style
  // `atrium-launcher::part(launcher)` as they would `atrium-widget::part(launcher)`.
  const host = document.createElement('atrium-launcher');
  if (settings.lang) host.lang = settings.lang;
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>${launcherCss}</style><div class="dock"><button class="launcher" part="launcher" type="button" aria-expanded="false">${launcherIcon}<span></span></button></div>`;
  const button = root.querySelector('button')!;
  const label = button.querySelector('span')!;
  document.body.append(host);

  const showLabel = (labels: Record<string, string>) => {
    label.textContent = labels[resolveLocale(languageOf(host))] ?? labels['en'] ?? '';
  };
  showLabel(launcherLabels);

  let loading = false;
  button.addEventListener('click', async () => {
    if (loading) return;
    loading = true;
    button.setAttribute('aria-busy', 'true');
    try {
      await loadWidget(settings.lang);
      await yieldToPage();
      const widget = createWidget(settings);
      // Where the script tag was, so the widget follows the page's reading order; the
      // launcher's own place on screen is fixed either way.
      if (anchor?.isConnected && anchor.parentElement !== document.head) anchor.after(widget);
      else document.body.append(widget);
      await widget.updateComplete;
      await yieldToPage();
      host.remove();
      await widget.open();
    } catch {
      button.removeAttribute('aria-busy');
      showLabel(loadFailedLabels);
      loading = false;
    }
  });
}

function start(): void {
  const script = ownScript();
  const settings = readSettings(script);
  if (settings.placement === 'inline') {
    // An inline panel is part of the page's content: load it now, where the script tag is.
    void loadWidget(settings.lang).then(() => {
      const widget = createWidget(settings);
      if (script?.isConnected && script.parentElement !== document.head) script.after(widget);
      else document.body.append(widget);
    });
    return;
  }
  mountLauncher(settings, script);
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
