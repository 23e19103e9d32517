import * as vscode from 'vscode';
import { isAuthLensError } from '../core/errors';
import { errorMessage } from '../core/errorMessages';
import { plainText } from '../core/hostileText';
import type { ConfiguredProvider } from '../plumbing/config';
import { translate } from '../plumbing/l10n';
import type { EndpointOriginRefusal } from '../providers/oidc/endpointOrigins';
import { credentialDestinationsText } from '../secrets/credentials';
import type { Services } from '../services';

/** Where a credential about to be stored will go, as Set Credential tells it. */
export interface PromptedDestinations {
  /** Endpoint origins the issuer's discovery document vouches for; the binding records them. */
  readonly discovered: readonly string[];
  /** Every origin, for a person to read ("a, b, c"): the same list the HTTP client allows. */
  readonly text: string;
  /** What discovery named but will get nothing, or why it could not be read (empty, or starts with a space). */
  readonly note: string;
}

function refusalText(reason: EndpointOriginRefusal): string {
  switch (reason) {
    case 'discovery-not-https':
      return vscode.l10n.t('the discovery document came over plain http from another machine');
    case 'discovery-tls-off':
      return vscode.l10n.t('the discovery document came with TLS certificate checks off');
    case 'endpoint-not-https':
      return vscode.l10n.t('a plain http endpoint on another machine');
  }
}

/**
 * The origins a credential of `provider` will be sent to: its settings' origins and, for an
 * `oidc` entry, the endpoint origins its issuer's discovery document vouches for (fetched now,
 * so the prompt names them before the value is typed). What is told here is what is bound and
 * sent: the store binds `discovered`, the HTTP client allows the same list.
 *
 * @example
 * const where = await promptedDestinations(services, provider);
 * `only sent to ${where.text}.${where.note}`
 */
export async function promptedDestinations(services: Services, provider: ConfiguredProvider): Promise<PromptedDestinations> {
  const busy = vscode.window.setStatusBarMessage(vscode.l10n.t('Reading the discovery document of {0}…', plainText(provider.label)));
  try {
    const found = await services.explorer.model.discoveredOrigins(provider);
    const discovered = found?.trusted ?? [];
    const refused = (found?.refused ?? []).map((r) => vscode.l10n.t('{0} ({1})', plainText(r.origin, 120), refusalText(r.reason)));
    const note = refused.length > 0 ? ` ${vscode.l10n.t('Not sent to {0}, which the discovery document names.', refused.join(', '))}` : '';
    return { discovered, text: credentialDestinationsText(provider, discovered), note };
  } catch (err) {
    const why = isAuthLensError(err) ? errorMessage(err, translate) : vscode.l10n.t('unexpected error');
    services.log.warn(`[${provider.id}] Set Credential: discovery failed: ${why}`);
    return {
      discovered: [],
      text: credentialDestinationsText(provider),
      note: ` ${vscode.l10n.t('The issuer’s discovery document could not be read ({0}): endpoints it names on other origins get nothing until you are asked about them.', plainText(why, 200))}`,
    };
  } finally {
    busy.dispose();
  }
}
