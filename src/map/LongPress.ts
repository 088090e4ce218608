/**
 * "Propose here": a long press (touch or pen held ~600 ms without moving) or
 * a right-click / context menu on the map reports a place. Browsers differ
 * (Chrome on Android fires contextmenu on long press, iOS Safari does not,
 * Leaflet simulates it there), so both paths run and one press reports once:
 * a context menu cancels the pending hold, and a fired hold swallows the
 * context menu that may follow it. removeHooks undoes addHooks.
 */
import * as L from 'leaflet';

const HOLD_MS = 600;
const SLOP_PX = 10;

export class LongPress extends L.Handler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private origin: { id: number; x: number; y: number } | undefined;
  /** The current press already reported a place. */
  private fired = false;

  constructor(
    private readonly map: L.Map,
    private readonly onPress: (latlng: L.LatLng) => void,
  ) {
    super(map);
  }

  override addHooks(): void {
    const el = this.map.getContainer();
    L.DomEvent.on(el, 'pointerdown', this.down as L.DomEvent.EventHandlerFn, this);
    L.DomEvent.on(el, 'pointermove', this.move as L.DomEvent.EventHandlerFn, this);
    L.DomEvent.on(el, 'pointerup pointercancel pointerleave', this.cancel, this);
    this.map.on('contextmenu', this.context, this);
    this.map.on('movestart zoomstart', this.cancel, this);
  }

  override removeHooks(): void {
    const el = this.map.getContainer();
    L.DomEvent.off(el, 'pointerdown', this.down as L.DomEvent.EventHandlerFn, this);
    L.DomEvent.off(el, 'pointermove', this.move as L.DomEvent.EventHandlerFn, this);
    L.DomEvent.off(el, 'pointerup pointercancel pointerleave', this.cancel, this);
    this.map.off('contextmenu', this.context, this);
    this.map.off('movestart zoomstart', this.cancel, this);
    this.cancel();
  }

  private down(e: PointerEvent): void {
    if (e.isPrimary) this.fired = false;
    // A second finger means pinch-zoom, not a press.
    if (this.origin || e.pointerType === 'mouse' || !e.isPrimary) return this.cancel();
    const point = this.map.mouseEventToContainerPoint(e as unknown as MouseEvent);
    this.origin = { id: e.pointerId, x: e.clientX, y: e.clientY };
    this.timer = setTimeout(() => {
      this.origin = undefined;
      this.onPress(this.map.containerPointToLatLng(point));
      this.fired = true;
    }, HOLD_MS);
  }

  private move(e: PointerEvent): void {
    const o = this.origin;
    if (o && e.pointerId === o.id && Math.hypot(e.clientX - o.x, e.clientY - o.y) > SLOP_PX) this.cancel();
  }

  private cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.origin = undefined;
  }

  private context(e: L.LeafletMouseEvent): void {
    this.cancel();
    if (!this.fired) this.onPress(e.latlng);
    this.fired = true;
  }
}
