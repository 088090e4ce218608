/**
 * One open link to a nearby phone, as the sync layer sees it: a message pipe
 * that carries text frames and can close. The browser's WebRTC data channel
 * (src/platform/phoneLink.ts) implements it; tests pair two in memory. Kept
 * free of DOM types so the link adapter runs (and is tested) anywhere.
 */
export interface LinkChannel {
  /** Sends one text frame; does nothing once the channel is closed. */
  send(text: string): void;
  /** Bytes queued but not yet sent (RTCDataChannel.bufferedAmount), so a sender can pace itself. */
  bufferedAmount(): number;
  /** Closes the link; the other side hears it close. */
  close(): void;
  /**
   * Starts delivery (called once): every frame as received (a string for a
   * text frame, anything else for a binary one, which is never read), then one
   * call of `onClose` when the link ends for any reason.
   */
  listen(onMessage: (data: unknown) => void, onClose: () => void): void;
}
