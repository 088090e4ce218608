/**
 * WebRTC is owned by one module (issue 13): among the shipped code only
 * src/platform/phoneLink.ts names RTCPeerConnection or any other WebRTC
 * global, so every peer connection is made with no ICE servers, closed on
 * expiry and wrapped as a LinkChannel in one place. Names are found with the
 * TypeScript parser, so comments and strings do not count; a self-test shows
 * the check catches each way of reaching the globals.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { LinkChannel as PlatformLinkChannel } from '../../src/platform/phoneLink';
import type { LinkChannel } from '../../src/sync/LinkChannel';

const ROOT = join(import.meta.dirname, '..', '..');
const OWNER = 'src/platform/phoneLink.ts';
const WEBRTC = /^(?:webkit)?RTC[A-Z]\w*$/;
/** The shipped code: the app, the service worker and the relay (tests and benches drive raw WebRTC on purpose). */
const SHIPPED = ['src', 'service-worker', 'relay'];

/** WebRTC globals a file names as values or types (identifiers and `x.RTC…` / `x['RTC…']` property reads). */
export function webrtcNames(path: string, text: string): string[] {
  const kind = /\.[jt]sx$/.test(path) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    // An object key or declared member (GUN's `{ RTCPeerConnection: false }` option) names nothing global.
    const p = n.parent as ts.Node | undefined;
    const key =
      p && (ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isPropertyDeclaration(p)) && p.name === n;
    if (ts.isIdentifier(n) && WEBRTC.test(n.text) && !key) found.push(n.text);
    if (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression))
      if (WEBRTC.test(n.argumentExpression.text)) found.push(n.argumentExpression.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.[cm]?[jt]sx?$/.test(f) && !f.split(sep).includes('node_modules'))
    .map((f) =>
      relative(ROOT, join(ROOT, dir, f))
        .split(sep)
        .join('/'),
    );
}

describe('WebRTC has one owner', () => {
  it(`only ${OWNER} names RTCPeerConnection or another WebRTC global in the shipped code`, () => {
    const users = SHIPPED.flatMap(sources).filter((f) => webrtcNames(f, readFileSync(join(ROOT, f), 'utf8')).length);
    expect(users).toEqual([OWNER]);
    expect(webrtcNames(OWNER, readFileSync(join(ROOT, OWNER), 'utf8'))).toContain('RTCPeerConnection');
  });

  it('the check sees every way of reaching the globals, and not comments or strings (self-test)', () => {
    const names = (text: string) => webrtcNames('src/x.ts', text);
    expect(names('const pc = new RTCPeerConnection({ iceServers: [] });')).toEqual(['RTCPeerConnection']);
    expect(names('const P = globalThis.webkitRTCPeerConnection;')).toEqual(['webkitRTCPeerConnection']);
    expect(names("const P = window['RTCPeerConnection'];")).toEqual(['RTCPeerConnection']);
    expect(names('let c: RTCDataChannel | undefined;')).toEqual(['RTCDataChannel']);
    expect(names('// new RTCPeerConnection()\nconst s = "RTCPeerConnection";')).toEqual([]);
    expect(names('const rtc = 1; const RTCx = 2;')).toEqual([]);
    expect(names('Gun({ RTCPeerConnection: false });')).toEqual([]);
  });
});

describe('the platform and the sync layer agree on a link', () => {
  it('src/platform/phoneLink.ts writes out exactly the LinkChannel of src/sync (it may not import src/sync)', () => {
    expectTypeOf<PlatformLinkChannel>().toEqualTypeOf<LinkChannel>();
    const channel: LinkChannel = { send() {}, bufferedAmount: () => 0, close() {}, listen() {} };
    const asPlatform: PlatformLinkChannel = channel;
    expect(asPlatform).toBe(channel);
  });
});
