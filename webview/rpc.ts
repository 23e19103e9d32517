/**
 * Messaging with the extension host: typed posts, and requests whose `seq` the host's reply
 * answers. The host validates everything; this side only sends what the protocol allows.
 */
import type { HostMessage, InspectorWebviewState, Reply, WebviewMessage, WebviewRequest } from '../src/shared/inspectorProtocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: InspectorWebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
let nextSeq = 1;
const pending = new Map<number, (reply: Reply) => void>();

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

/** Distributive Omit, so each request variant keeps its own fields. */
type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;

/** Sends a request and resolves with the host's reply (or a failure after `timeoutMs`). */
export function request(message: WithoutSeq<WebviewRequest>, timeoutMs = 60_000): Promise<Reply> {
  const seq = nextSeq++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(seq);
      resolve({ kind: 'failed', message: 'timeout' });
    }, timeoutMs);
    pending.set(seq, (reply) => {
      clearTimeout(timer);
      resolve(reply);
    });
    post({ ...message, seq });
  });
}

/** Routes host messages: replies to their requests, everything else to `onMessage`. */
export function listen(onMessage: (message: Exclude<HostMessage, { type: 'reply' }>) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as HostMessage | undefined;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;
    if (data.type === 'reply') {
      const done = pending.get(data.seq);
      pending.delete(data.seq);
      done?.(data.reply);
      return;
    }
    onMessage(data);
  });
}

let state: InspectorWebviewState = (api.getState() as InspectorWebviewState | undefined) ?? {};

export function getState(): InspectorWebviewState {
  return state;
}

/** Persists UI state (never a token) and tells the host what was persisted. */
export function updateState(patch: Partial<InspectorWebviewState>): void {
  state = { ...state, ...patch };
  api.setState(state);
  post({ type: 'stateSaved', json: JSON.stringify(state) });
}
