/**
 * The QrScanner component with a fake scanner port: starts on mount with its
 * muted inline video, forwards decoded texts, shows the caller's status line,
 * shows translated words for every failure (never the browser's), Cancel, and
 * the camera stopped on cleanup — also when closed while still starting.
 */
import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { en } from '../../../../src/i18n/locales/en';
import type { StartQrScanner } from '../../../../src/platform/loadQrScanner';
import type { QrScannerHandle, QrScannerOptions } from '../../../../src/platform/qrScanner';
import { QrScannerError, type QrScannerErrorCode } from '../../../../src/domain/qrScannerError';
import { QrScanner } from '../../../../src/ui/handover/QrScanner';
import { cleanup } from '../../../fixtures/renderVada';

afterEach(cleanup);

/** A scanner port whose start the test settles by hand, and whose callbacks the test can fire. */
function fakePort() {
  const stop = vi.fn();
  let settle: { ok: (h: QrScannerHandle) => void; fail: (e: unknown) => void } | undefined;
  let onText: ((text: string) => void) | undefined;
  let options: QrScannerOptions | undefined;
  let video: HTMLVideoElement | undefined;
  const start = vi.fn<StartQrScanner>(
    (v, cb, o) =>
      new Promise<QrScannerHandle>((ok, fail) => {
        video = v;
        onText = cb;
        options = o;
        settle = { ok, fail };
      }),
  );
  return {
    start,
    stop,
    video: () => video,
    started: () => settle?.ok({ decoder: 'jsqr', stop }),
    failed: (e: unknown) => settle?.fail(e),
    decoded: (text: string) => onText?.(text),
    cameraEnded: () => options?.onFailure?.(new QrScannerError('camera-failed')),
  };
}

function mount(status?: () => string | undefined) {
  const port = fakePort();
  const onText = vi.fn();
  const onClose = vi.fn();
  const view = render(() => <QrScanner onText={onText} onClose={onClose} status={status?.()} start={port.start} />);
  return { port, onText, onClose, view };
}

const statusText = () => screen.getByTestId('qr-scanner-status').textContent;

describe('QrScanner', () => {
  it('starts the scanner on mount with its muted inline video, then asks to aim at the code', async () => {
    const { port } = mount();
    expect(port.start).toHaveBeenCalledTimes(1);
    const video = port.video();
    expect(video).toBeInstanceOf(HTMLVideoElement);
    expect(screen.getByTestId('qr-scanner').contains(video ?? null)).toBe(true);
    expect(video?.muted).toBe(true);
    expect(video?.hasAttribute('playsinline')).toBe(true);
    expect(statusText()).toBe(en['qrScanner.starting']);
    port.started();
    await waitFor(() => expect(statusText()).toBe(en['qrScanner.aim']));
    expect(screen.queryByTestId('qr-scanner-error')).toBeNull();
  });

  it('passes every decoded text to onText as given', async () => {
    const { port, onText } = mount();
    port.started();
    const hostile = '<img src=x onerror=alert(1)>';
    port.decoded('VADA:1/3');
    port.decoded(hostile);
    expect(onText.mock.calls).toEqual([['VADA:1/3'], [hostile]]);
  });

  it("shows the caller's status line, following its changes", async () => {
    const [status, setStatus] = createSignal<string | undefined>('1 of 5');
    const { port } = mount(status);
    port.started();
    expect(statusText()).toBe('1 of 5');
    setStatus('3 of 5');
    expect(statusText()).toBe('3 of 5');
    setStatus(undefined);
    await waitFor(() => expect(statusText()).toBe(en['qrScanner.aim']));
  });

  const codes: QrScannerErrorCode[] = [
    'insecure-context',
    'no-camera',
    'permission-denied',
    'camera-failed',
    'decoder-failed',
  ];
  it.each(codes)("shows the translated words for '%s', not the browser's, and hides the camera view", async (code) => {
    const { port } = mount();
    port.failed(
      new QrScannerError(code, { cause: new DOMException('Permission denied by system', 'NotAllowedError') }),
    );
    const error = await screen.findByTestId('qr-scanner-error');
    expect(error.textContent).toBe(en[`qrScanner.error.${code}`]);
    expect(error.getAttribute('role')).toBe('alert');
    expect(screen.getByLabelText(en['qrScanner.label'], { selector: 'video' }).hidden).toBe(true);
    expect(screen.queryByTestId('qr-scanner-status')).toBeNull();
  });

  it('gives different words for each failure', () => {
    const texts = new Set(codes.map((c) => en[`qrScanner.error.${c}`]));
    expect(texts.size).toBe(codes.length);
  });

  it("treats an unexpected rejection as 'camera-failed'", async () => {
    const { port } = mount();
    port.failed(new Error('something else'));
    expect((await screen.findByTestId('qr-scanner-error')).textContent).toBe(en['qrScanner.error.camera-failed']);
  });

  it('shows the failure when the camera stops while scanning, keeping the caller status', async () => {
    const { port } = mount(() => '2 of 5');
    port.started();
    port.cameraEnded();
    expect((await screen.findByTestId('qr-scanner-error')).textContent).toBe(en['qrScanner.error.camera-failed']);
    expect(statusText()).toBe('2 of 5');
  });

  it('calls onClose on Cancel, also after a failure', async () => {
    const { port, onClose } = mount();
    fireEvent.click(screen.getByTestId('qr-scanner-cancel'));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('qr-scanner-cancel').textContent).toBe(en['qrScanner.cancel']);
    port.failed(new QrScannerError('permission-denied'));
    await screen.findByTestId('qr-scanner-error');
    fireEvent.click(screen.getByTestId('qr-scanner-cancel'));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('stops the camera on cleanup', async () => {
    const { port, view } = mount();
    port.started();
    await waitFor(() => expect(statusText()).toBe(en['qrScanner.aim']));
    expect(port.stop).not.toHaveBeenCalled();
    view.unmount();
    expect(port.stop).toHaveBeenCalledTimes(1);
  });

  it('stops the camera as soon as it starts when closed while starting', async () => {
    const { port, view } = mount();
    view.unmount();
    expect(port.stop).not.toHaveBeenCalled();
    port.started();
    await waitFor(() => expect(port.stop).toHaveBeenCalledTimes(1));
  });
});
