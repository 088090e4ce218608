/**
 * Circle tokens of the phone-link wire (protocol §15.2): how two linked phones
 * find the circles they share without naming any. A token is the HMAC-SHA-256,
 * under the circle's link key (derived in circle.ts), of the text
 * `vada-link/1 <sender's nonce> <receiver's nonce>`, cut to 16 bytes. Only a
 * phone holding the circle key can make or recognise it, and it is bound to
 * this link's two fresh nonces, in order: a peer that echoes our own list back
 * proves nothing, and a token seen on one link means nothing on another.
 */
import { buf, toB64url } from './base64url';
import type { Circle } from './circle';
import { LINK_WIRE } from './linkWire';

/** The exact text hashed for a token sent by the phone whose hello carried `senderNonce`. */
export function linkTokenInput(senderNonce: string, receiverNonce: string): string {
  return `vada-link/1 ${senderNonce} ${receiverNonce}`;
}

/** The token the phone with `senderNonce` sends for `circle` on a link whose other hello carried `receiverNonce`. */
export async function linkToken(
  circle: Pick<Circle, 'linkKey'>,
  senderNonce: string,
  receiverNonce: string,
): Promise<string> {
  const input = new TextEncoder().encode(linkTokenInput(senderNonce, receiverNonce));
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', circle.linkKey, buf(input)));
  return toB64url(mac.subarray(0, LINK_WIRE.tokenBytes));
}

/** A fresh random string shaped like a nonce or a token (`bytes` random bytes, base64url). */
export function randomLinkToken(bytes: number = LINK_WIRE.tokenBytes): string {
  return toB64url(crypto.getRandomValues(new Uint8Array(bytes)));
}
