/**
 * The ids of AuthLens's views and panels, once. Import-free: the activation shell
 * (`src/extension.ts`) registers them before the features bundle is loaded.
 */

/** The Sessions tree view (`contributes.views`). */
export const sessionsViewId = 'authlens.sessions';

/** The token inspector's webview panel (`onWebviewPanel:` activation event, serializer). */
export const inspectorViewType = 'authlens.inspector';
