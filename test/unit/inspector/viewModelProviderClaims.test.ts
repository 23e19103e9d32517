import * as assert from 'node:assert/strict';
import { buildInspectorModel } from '../../../src/inspector/viewModel';
import type { FieldRow, InspectorModel } from '../../../src/shared/inspectorModel';
import { unsignedJwt } from '../../fixtures/inspectorTokens';

const NOW = Date.UTC(2026, 3, 16, 8, 0, 0);
const nowS = Math.floor(NOW / 1000);

function payloadRows(token: string, t?: (s: string) => string): readonly FieldRow[] {
  const built = buildInspectorModel(token, { now: NOW, ...(t ? { t } : {}) });
  assert.equal(built.content.kind, 'token');
  const model = (built.content as { model: InspectorModel }).model;
  const table = model.tables.find((x) => x.part === 'payload');
  assert.ok(table);
  return table.rows;
}

function row(rows: readonly FieldRow[], path: string): FieldRow {
  const all = (list: readonly FieldRow[]): FieldRow[] => list.flatMap((r) => [r, ...all(r.children ?? [])]);
  const found = all(rows).find((r) => r.path === path);
  assert.ok(found, `no row ${path}`);
  return found;
}

describe('inspector rows: claims explained for the provider that issued the token', () => {
  it("explains scp and ver as Entra's for an Entra token and as Okta's for an Okta token", () => {
    const base = { sub: 'u', scp: 'User.Read', ver: '2.0', iat: nowS, exp: nowS + 600 };
    const entra = payloadRows(unsignedJwt({ ...base, iss: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0', xms_cc: ['cp1'] }));
    assert.match(row(entra, 'scp').explanation?.source ?? '', /learn\.microsoft\.com/);
    assert.match(row(entra, 'ver').explanation?.summary ?? '', /accessTokenAcceptedVersion/);
    assert.equal(row(entra, 'xms_cc').unknown, false, 'the xms_ prefix rule explains it');
    const okta = payloadRows(unsignedJwt({ ...base, iss: 'https://acme.okta.com/oauth2/default', ver: 1, cid: 'c1' }));
    assert.match(row(okta, 'scp').explanation?.source ?? '', /developer\.okta\.com/);
    assert.match(row(okta, 'cid').explanation?.summary ?? '', /Client ID/);
    const other = payloadRows(unsignedJwt({ ...base, iss: 'https://idp.example' }));
    assert.equal(row(other, 'scp').explanation, undefined);
    assert.equal(row(other, 'scp').unknown, true, 'an unknown issuer gets no provider meaning');
  });

  it("explains Keycloak's nested role claims by path, the client name being data", () => {
    const rows = payloadRows(
      unsignedJwt({
        iss: 'https://sso.example.com/realms/shop',
        realm_access: { roles: ['admin'] },
        resource_access: { 'shop-api': { roles: ['reader'] } },
        'allowed-origins': ['https://shop.example.com'],
      }),
      (s) => `zh:${s}`,
    );
    assert.match(row(rows, 'realm_access.roles').explanation?.summary ?? '', /^zh:Realm-level roles/);
    assert.match(row(rows, 'resource_access["shop-api"]').explanation?.summary ?? '', /one client/);
    assert.match(row(rows, 'resource_access["shop-api"].roles').explanation?.summary ?? '', /Client-level roles/);
    assert.match(row(rows, '["allowed-origins"]').explanation?.source ?? '', /keycloak\.org/);
  });
});
