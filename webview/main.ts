/**
 * The token inspector webview. Waits for the host's `init` (after posting `ready`), renders the
 * model with DOM APIs and text nodes only, and ticks countdowns itself once a second.
 */
import './components';
import type { HostMessage } from '../src/shared/inspectorProtocol';
import type { InspectorModel, PanelContent } from '../src/shared/inspectorModel';
import { button, el, icon } from './dom';
import { renderCompare } from './compare';
import { renderEdit } from './edit';
import { renderCookieParts, renderCookieRaw } from './cookieView';
import { renderCookieVerify } from './cookieVerify';
import { renderFields, resetFields } from './fields';
import { setL10n, t } from './l10n';
import { getState, listen, post, request, updateState } from './rpc';
import { showTabs, tabs, type Tab } from './tabStrip';
import { statusLine, flash } from './status';
import { providerAction, renderSummary } from './summary';
import { clearTicks, localiseTime, restartClock, setHostVisible, startClock, ticking } from './time';
import { renderVerify } from './verify';
import { renderJson, renderRaw, renderWarnings, warningCount } from './views';

const app = document.getElementById('app') ?? document.body;

function tabTitle(tab: Tab, model: InspectorModel): string {
  switch (tab) {
    case 'fields':
      return t('Fields');
    case 'warnings':
      return t('Warnings ({0})', warningCount(model.warnings));
    case 'raw':
      return t('Raw');
    case 'json':
      return t('JSON');
    case 'verify':
      return t('Verify');
    case 'compare':
      return t('Compare');
    case 'edit':
      return t('Edit');
  }
}

function tabBody(tab: Tab, model: InspectorModel): HTMLElement {
  switch (tab) {
    case 'fields':
      // A signed cookie: its parts first, then its session's (or Flask payload's) tables.
      return model.cookie ? el('div', {}, renderCookieParts(model.cookie), renderFields(model.tables)) : renderFields(model.tables);
    case 'warnings':
      return renderWarnings(model.warnings);
    case 'raw':
      return model.cookie ? renderCookieRaw(model.cookie) : renderRaw(model);
    case 'json':
      return renderJson(model);
    case 'verify':
      return model.cookie ? renderCookieVerify(model.cookie) : renderVerify(model);
    case 'compare':
      return renderCompare(model.derived !== undefined);
    case 'edit':
      return renderEdit(model);
  }
}

/** The summary on screen, replaced in place when the tabs stay (a warm open). */
let shownSummary: HTMLElement | undefined;

/** Shows a model: a new summary, the tab strip updated (or built), the selected tab's body. */
function renderModel(model: InspectorModel): void {
  const summary = renderSummary(model, {
    onRevoke: () => void providerAction('revoke'),
    onRefresh: () => void providerAction('refresh'),
  });
  const saved = getState().tab;
  const tabsEl = showTabs(
    tabs.find((x) => x === saved) ?? 'fields',
    (tab) => tabTitle(tab, model),
    (tab) => tabBody(tab, model),
  );
  if (shownSummary?.isConnected && tabsEl.isConnected) shownSummary.replaceWith(summary);
  else app.replaceChildren(summary, tabsEl, statusLine());
  shownSummary = summary;
}

/** "Paste again" (after a reload without the token) and decode errors. */
function renderPaste(message: string): HTMLElement {
  const input = el('vscode-textarea', { id: 'paste-input', attrs: { 'aria-label': t('Token') } });
  input.rows = 4;
  input.monospace = true;
  input.placeholder = 'eyJhbGciOi…';
  return el(
    'section',
    { class: 'paste', id: 'paste-again' },
    el('p', { class: 'notice' }, icon('info'), ' ', message),
    input,
    el(
      'div',
      { class: 'row' },
      button(
        t('Inspect'),
        () => {
          const token = input.value.trim();
          if (!token) return;
          void request({ type: 'inspect', token }).then((reply) => {
            if (reply.kind === 'failed') flash(reply.message, 'bad');
          });
        },
        { icon: 'search', id: 'paste-inspect' },
      ),
    ),
  );
}

function render(content: PanelContent, version: number): void {
  clearTicks();
  resetFields();
  switch (content.kind) {
    case 'token':
      renderModel(content.model);
      break;
    case 'unavailable':
      app.replaceChildren(
        renderPaste(t('The token is no longer available (AuthLens does not keep it once the panel is closed). Paste it again to inspect it.')),
        statusLine(),
      );
      break;
    case 'error':
      app.replaceChildren(
        renderPaste(t('AuthLens could not decode the token: {0}', content.repaired ? `${content.message} ${content.repaired}` : content.message)),
        statusLine(),
      );
      break;
  }
  app.setAttribute('aria-busy', 'false');
  app.setAttribute('data-content', content.kind);
  restartClock();
  document.body.dataset['ticking'] = String(ticking());
  performance.mark('authlens-rendered');
  post({ type: 'rendered', version });
}

/** The content version on screen: the host sends `init` twice on a first open (see the protocol). */
let renderedVersion: number | undefined;

/** True when `version` is new to the page; it is then the version on screen. */
function takeVersion(version: number): boolean {
  if (version === renderedVersion) return false;
  renderedVersion = version;
  return true;
}

function onMessage(message: Exclude<HostMessage, { type: 'reply' }>): void {
  switch (message.type) {
    case 'init':
      if (!takeVersion(message.version)) return;
      setL10n(message.l10n, message.locale);
      localiseTime();
      updateState({ panelKey: message.panelKey });
      render(message.content, message.version);
      return;
    case 'content':
      if (takeVersion(message.version)) render(message.content, message.version);
      return;
    case 'visibility':
      setHostVisible(message.visible);
      document.body.dataset['ticking'] = String(ticking());
      return;
  }
}

/**
 * While the host answers "ready": ICU's date patterns for the page's language (`<html lang>`, the
 * language the host will send), which the first date of the first paint would otherwise build.
 * Constructing the first `Intl.DateTimeFormat` of a page costs tens of ms; later ones reuse them.
 */
function warmDateFormats(): void {
  try {
    new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'medium' }).format(0);
  } catch {
    // A language tag Intl rejects: the first paint pays, nothing else changes.
  }
}

listen(onMessage);
startClock(() => {
  document.body.dataset['ticking'] = String(ticking());
});
performance.mark('authlens-ready');
post({ type: 'ready' });
warmDateFormats();
