/** Shared helpers of the ingestion tests: fixtures, a windows-1256 encoder, a local HTTP server. */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

/** The shared data folder (read at run time only; tests using it skip when it is absent). */
export const SHARED_DATA =
  process.env.RASD_SHARED_DATA ?? join(process.cwd(), "..", "shared", "data");

/**
 * A fixture page by name ("alaraby.html"). They are stored as ".html.fixture": they imitate real
 * pages, sloppy markup and a windows-1256 file included, which biome would lint as source.
 */
export function fixture(name: string): Buffer {
  return readFileSync(new URL(`./fixtures/${name}.fixture`, import.meta.url));
}

const CP1256 = (() => {
  const decoder = new TextDecoder("windows-1256");
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    const c = decoder.decode(Uint8Array.of(b));
    if (!map.has(c)) map.set(c, b);
  }
  return map;
})();

/** `text` in windows-1256 bytes (TextEncoder writes UTF-8 only). */
export function encode1256(text: string): Buffer {
  return Buffer.from(
    [...text].map((c) => {
      const b = CP1256.get(c);
      if (b === undefined) throw new Error(`not in windows-1256: ${c}`);
      return b;
    }),
  );
}

/** A short Arabic news page with the given body paragraphs. */
export function page(paragraphs: string[], head = ""): string {
  return `<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8">${head}</head><body><article>${paragraphs
    .map((p) => `<p>${p}</p>`)
    .join("")}</article></body></html>`;
}

export const PARAGRAPHS = [
  "قصفت الطائرات الحربية بلدة معرة النعمان في ريف إدلب الجنوبي صباح اليوم، ما أدى إلى مقتل ثلاثة مدنيين.",
  "وقال الدفاع المدني إن فرقه انتشلت جثث الضحايا من تحت أنقاض منزل مؤلف من طابقين.",
  "وتتعرض المنطقة منذ أسابيع لقصف شبه يومي، دفع آلاف العائلات إلى النزوح نحو الشمال.",
];

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** A server on 127.0.0.1 answering with `handler`. */
export async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<TestServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
