// @vitest-environment jsdom
/**
 * Files leaving the phone: the share sheet's three answers, and a download
 * link named after the file whose object URL lives exactly as long as asked.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadFile, shareFile } from '../../../src/platform/shareFile';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const file = new File(['pack'], 'city.pmtiles', { type: 'application/vnd.pmtiles' });

describe('shareFile', () => {
  it('says shared, cancelled (the user closed the sheet) or failed', async () => {
    const share = vi.fn(async (_data: ShareData) => {});
    Object.defineProperty(navigator, 'share', { value: share, configurable: true });
    await expect(shareFile(file)).resolves.toBe('shared');
    expect(share).toHaveBeenCalledWith({ files: [file] });
    share.mockRejectedValueOnce(new DOMException('closed', 'AbortError'));
    await expect(shareFile(file)).resolves.toBe('cancelled');
    share.mockRejectedValueOnce(new DOMException('no', 'NotAllowedError'));
    await expect(shareFile(file)).resolves.toBe('failed');
  });
});

describe('downloadFile', () => {
  it('clicks a link named after the file and revokes its URL after the time asked', () => {
    vi.useFakeTimers();
    const created = vi.fn((_b: Blob) => 'blob:vada/1');
    const revoked = vi.fn((_u: string) => {});
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: revoked });
    const clicks: Array<{ href: string; download: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ href: this.href, download: this.download });
    });
    expect(downloadFile(file, 'city.pmtiles', 60_000)).toBe('downloaded');
    expect(created).toHaveBeenCalledWith(file);
    expect(clicks).toEqual([{ href: 'blob:vada/1', download: 'city.pmtiles' }]);
    expect(document.querySelector('a[download]')).toBeNull();
    vi.advanceTimersByTime(59_999);
    expect(revoked).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(revoked).toHaveBeenCalledWith('blob:vada/1');
  });
});
