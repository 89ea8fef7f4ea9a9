/**
 * The formats pages use. They are pure, so they live in the domain (src/domain/format.ts) where
 * services, PDFs and messages use them too; pages import them from here, the edge's one place.
 */
export { formatBytes, formatDate, formatDateTime, formatWon, formatWonExact } from '../domain/format.ts';
