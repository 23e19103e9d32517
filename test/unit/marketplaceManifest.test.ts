/**
 * What a person sees first, checked in package.json: the listing (icon, banner), the walkthrough
 * (each step done on a context key the extension really sets, or a contributed command; media in
 * both languages) and Settings that read like the README (markdown descriptions, enum
 * descriptions, an order).
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tsFiles } from './importGraph';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string };
  completionEvents: string[];
}
interface Setting {
  markdownDescription?: string;
  description?: string;
  order?: number;
  enum?: string[];
  markdownEnumDescriptions?: string[];
  items?: { properties?: Record<string, Setting> };
}
interface Manifest {
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  repository?: unknown;
  homepage?: unknown;
  contributes: {
    commands: { command: string }[];
    walkthroughs: { id: string; title: string; description: string; steps: Step[] }[];
    configuration: { properties: Record<string, Setting> };
  };
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T;
const manifest = readJson<Manifest>('package.json');
const nls = { en: readJson<Record<string, string>>('package.nls.json'), zh: readJson<Record<string, string>>('package.nls.zh-cn.json') };

/** The value of a `%key%` reference in one language (a plain string stays as it is). */
function resolved(value: string, lang: 'en' | 'zh'): string {
  const key = /^%(.+)%$/.exec(value)?.[1];
  if (!key) return value;
  const text = nls[lang][key];
  assert.ok(text, `${key} is in package.nls${lang === 'zh' ? '.zh-cn' : ''}.json`);
  return text;
}

/** Every source file's text, for "is this context key set somewhere". */
const sources = tsFiles('src').map((f) => readFileSync(f, 'utf8'));

describe('package.json: what a person sees first', () => {
  it('has a 128x128 PNG icon, a gallery banner, and no made-up home', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    const png = readFileSync(join(ROOT, 'media', 'icon.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'width and height in the IHDR chunk');
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
    assert.equal(manifest.repository, undefined);
    assert.equal(manifest.homepage, undefined);
  });

  it('walkthrough: four steps, each done on a context key set in src/ or a contributed command', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.ok(walkthrough);
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['sandbox', 'inspect', 'provider', 'signIn'],
    );
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const step of walkthrough.steps) {
      assert.ok(step.completionEvents.length > 0, `${step.id} has a completion event`);
      for (const event of step.completionEvents) {
        const [, kind, name] = /^(onContext|onCommand):(.+)$/.exec(event) ?? [];
        assert.ok(kind && name, `${step.id}: ${event} is a context key or a command`);
        if (kind === 'onCommand') assert.ok(commands.has(name), `${event} is a contributed command`);
        else
          assert.ok(
            sources.some((s) => s.includes(`'${name}'`)),
            `${event}: the key is spelled in src/`,
          );
      }
    }
  });

  it('walkthrough: texts and media in English and Chinese, buttons only for contributed commands', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const lang of ['en', 'zh'] as const) {
      resolved(walkthrough!.title, lang);
      resolved(walkthrough!.description, lang);
      for (const step of walkthrough!.steps) {
        resolved(step.title, lang);
        for (const [, command] of resolved(step.description, lang).matchAll(/\(command:([\w.]+)\)/g)) {
          assert.ok(commands.has(command!), `${step.id}: the button runs ${command}, a contributed command`);
        }
        const media = resolved(step.media.markdown ?? '', lang);
        assert.match(media, /^media\/walkthrough\/[\w.-]+\.md$/);
        assert.ok(existsSync(join(ROOT, media)), `${media} exists`);
      }
    }
    assert.notEqual(resolved(walkthrough!.steps[0]!.media.markdown!, 'en'), resolved(walkthrough!.steps[0]!.media.markdown!, 'zh'), 'Chinese media of its own');
  });

  it('settings: markdown descriptions, enum descriptions and an order, in both languages', () => {
    const properties = Object.entries(manifest.contributes.configuration.properties);
    const orders = properties.map(([, p]) => p.order);
    assert.deepEqual(
      [...orders].sort((a, b) => (a ?? 0) - (b ?? 0)),
      properties.map((_, i) => i + 1),
      'orders 1..n, once each',
    );
    const check = (name: string, p: Setting): void => {
      assert.equal(p.description, undefined, `${name}: markdownDescription, not description`);
      assert.ok(p.markdownDescription, `${name} has a markdownDescription`);
      for (const lang of ['en', 'zh'] as const) resolved(p.markdownDescription, lang);
      if (p.enum) {
        assert.equal(p.markdownEnumDescriptions?.length, p.enum.length, `${name}: one description per enum value`);
        for (const d of p.markdownEnumDescriptions ?? []) for (const lang of ['en', 'zh'] as const) resolved(d, lang);
      }
      for (const [sub, q] of Object.entries(p.items?.properties ?? {})) check(`${name}.${sub}`, q);
    };
    for (const [name, p] of properties) check(name, p);
  });
});
