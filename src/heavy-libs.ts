/**
 * Libraries that take seconds to load, loaded at their first use instead of at start-up (issue 10
 * §5: the first `npm start` answers /healthz within 10 s). Their CommonJS builds are loaded: one
 * file each, a fraction of their ES modules' load time (ECharts: 0.3 s instead of 3.9 s on a busy
 * machine). Only the reports, exports and certificates use them.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function lazy<T>(name: string): () => T {
  let lib: T | undefined;
  return () => (lib ??= require(name) as T);
}

/** Apache ECharts (server-side SVG charts). */
export const echarts = lazy<typeof import('echarts')>('echarts');
/** ExcelJS (.xlsx exports). */
export const excel = lazy<typeof import('exceljs')>('exceljs');
/** PDFKit (certificates, the monthly report). */
export const pdfkit = lazy<typeof import('pdfkit')>('pdfkit');
