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
import { statusLine, flash } from './status';
import { providerAction, renderSummary } from './summary';
import { clearTicks, localiseTime, restartClock, setHostVisible, startClock, ticking } from './time';
import { renderVerify } from './verify';
import { renderJson, renderRaw, renderWarnings, warningCount } from './views';

const app = document.getElementById('app') ?? document.body;

const tabs = ['fields', 'warnings', 'raw', 'json', 'verify', 'compare', 'edit'] as const;
type Tab = (typeof tabs)[number];

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

function renderModel(model: InspectorModel): HTMLElement[] {
  const summary = renderSummary(model, {
    onRevoke: () => void providerAction('revoke'),
    onRefresh: () => void providerAction('refresh'),
  });
  const saved = getState().tab;
  const selected = Math.max(
    0,
    tabs.findIndex((x) => x === saved),
  );
  const tabsEl = el('vscode-tabs', { id: 'tabs' });
  for (const tab of tabs) {
    // vscode-tabs assigns its own ids to headers and panels (for aria); ours go in data-tab.
    const header = el('vscode-tab-header', { attrs: { slot: 'header', 'data-tab': tab } }, tabTitle(tab, model));
    tabsEl.append(header, el('vscode-tab-panel', { attrs: { 'data-panel': tab } }, tabBody(tab, model)));
  }
  tabsEl.selectedIndex = selected;
  tabsEl.addEventListener('vsc-tabs-select', (e: Event) => {
    const index = (e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
    const tab = tabs[index];
    if (tab) updateState({ tab });
  });
  return [summary, tabsEl];
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

function render(content: PanelContent): void {
  clearTicks();
  resetFields();
  let body: HTMLElement[];
  switch (content.kind) {
    case 'token':
      body = renderModel(content.model);
      break;
    case 'unavailable':
      body = [renderPaste(t('The token is no longer available (AuthLens does not keep it once the panel is closed). Paste it again to inspect it.'))];
      break;
    case 'error':
      body = [renderPaste(t('AuthLens could not decode the token: {0}', content.repaired ? `${content.message} ${content.repaired}` : content.message))];
      break;
  }
  app.replaceChildren(...body, statusLine());
  app.setAttribute('aria-busy', 'false');
  app.setAttribute('data-content', content.kind);
  restartClock();
  document.body.dataset['ticking'] = String(ticking());
  performance.mark('authlens-rendered');
  post({ type: 'rendered' });
}

function onMessage(message: Exclude<HostMessage, { type: 'reply' }>): void {
  switch (message.type) {
    case 'init':
      setL10n(message.l10n, message.locale);
      localiseTime();
      updateState({ panelKey: message.panelKey });
      render(message.content);
      return;
    case 'content':
      render(message.content);
      return;
    case 'visibility':
      setHostVisible(message.visible);
      document.body.dataset['ticking'] = String(ticking());
      return;
  }
}

listen(onMessage);
startClock(() => {
  document.body.dataset['ticking'] = String(ticking());
});
performance.mark('authlens-ready');
post({ type: 'ready' });
