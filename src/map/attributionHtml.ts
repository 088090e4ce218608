/**
 * Leaflet's attribution control inserts its strings as HTML. The tile
 * attribution comes from runtime config, so it is escaped into inert text;
 * only the built-in OpenStreetMap credit (a constant) carries a link.
 */
const OSM_CREDIT = '© OpenStreetMap contributors';
const OSM_HTML =
  '© <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener noreferrer">OpenStreetMap</a> contributors';

/** Escapes text for insertion as HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The HTML Leaflet should show for a plain-text attribution. */
export function attributionHtml(text: string): string {
  return text.trim() === OSM_CREDIT ? OSM_HTML : escapeHtml(text);
}
