/**
 * Reads the pixels of a video's current frame through one reused canvas, for
 * the JS decoder. Large camera frames are scaled down first: decode time grows
 * with the pixel count, and a code filling part of a 960-pixel frame still has
 * several pixels per module.
 */

/** RGBA pixels, row by row (what ImageData holds and jsQR reads). */
export interface Frame {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** Frames are scaled so that their longer side is at most this many pixels. */
export const MAX_FRAME_SIDE = 960;

/** HTMLMediaElement.HAVE_CURRENT_DATA: the element has a frame to show. */
const HAVE_CURRENT_DATA = 2;

/** True when the video has a frame with a size (a camera takes a moment to start). */
export function hasFrame(video: Pick<HTMLVideoElement, 'readyState' | 'videoWidth' | 'videoHeight'>): boolean {
  return video.readyState >= HAVE_CURRENT_DATA && video.videoWidth > 0 && video.videoHeight > 0;
}

/** The size a frame of `width`×`height` is read at. */
export function frameSize(width: number, height: number, maxSide = MAX_FRAME_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A frame reader with its own canvas; undefined frames until the video has one. */
export function createFrameGrabber(
  makeCanvas: () => HTMLCanvasElement = () => document.createElement('canvas'),
): (video: HTMLVideoElement) => Frame | undefined {
  let canvas: HTMLCanvasElement | undefined;
  let ctx: CanvasRenderingContext2D | null = null;
  return (video) => {
    if (!hasFrame(video)) return undefined;
    const { width, height } = frameSize(video.videoWidth, video.videoHeight);
    if (!canvas) {
      canvas = makeCanvas();
      // Read back on every frame: ask for a CPU-backed canvas.
      ctx = canvas.getContext('2d', { willReadFrequently: true });
    }
    if (!ctx) return undefined;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    ctx.drawImage(video, 0, 0, width, height);
    const image = ctx.getImageData(0, 0, width, height);
    return { data: image.data, width, height };
  };
}
