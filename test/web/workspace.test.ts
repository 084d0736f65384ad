/**
 * The web workspace in a real browser (Debian's Chromium through playwright-core), served by
 * `rasd serve` over a store holding the seed article (Al-Araby Al-Jadeed, Deir ez-Zor, 2 November
 * 2017). Skipped, with the reason, where there is no Chromium. Screenshots are kept in a temporary
 * folder that the first test prints.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { ArticleDetail, EventDetail, StoredEvent } from "../../src/store/index.js";
import {
  browserMissing,
  mapReady,
  type RasdGlobal,
  startWorkspace,
  type Workspace,
} from "./harness.js";

const missing = browserMissing();

/** Where the seed's events are (the gazetteer's coordinates of the places the article names). */
const EXPECTED = [
  { sub: "Armed clash", place: "Deir-Ez-Zor", lat: 35.33189, lon: 40.14607 },
  { sub: "Flight", place: "Deir-Ez-Zor", lat: 35.33189, lon: 40.14607 },
  { sub: "Shelling/artillery/missile attack", place: "Mahkan", lat: 34.97601, lon: 40.49189 },
  { sub: "Air/drone strike", place: "Quriyeh", lat: 34.95665, lon: 40.53657 },
  { sub: "Attack", place: "Eastern Aleppo countryside", lat: 36.19811, lon: 37.71942 },
];

describe("web workspace in Chromium", { skip: missing ?? false, timeout: 240_000 }, () => {
  let ws: Workspace;
  let events: StoredEvent[];
  const bySub = (sub: string) => {
    const e = events.find((x) => x.sub_event_type === sub);
    assert.ok(e, `no ${sub} event in the store`);
    return e;
  };

  before(async () => {
    ws = await startWorkspace();
    events = ((await (await fetch(`${ws.url}/api/events`)).json()) as { items: StoredEvent[] })
      .items;
  });
  after(async () => {
    await ws?.close();
  });

  /** Rendered event ids within 30 px of a place, the map centred on it at zoom 12. */
  async function renderedAt(
    page: Awaited<ReturnType<Workspace["page"]>>,
    lon: number,
    lat: number,
  ) {
    await page.evaluate(
      ([x, y]) =>
        (globalThis as unknown as RasdGlobal).__rasd?.map.jumpTo({ center: [x, y], zoom: 12 }),
      [lon, lat] as [number, number],
    );
    await mapReady(page);
    return page.evaluate(
      ([x, y]) => {
        const map = (globalThis as unknown as RasdGlobal).__rasd?.map;
        if (!map) return [];
        const p = map.project([x, y]);
        return map
          .queryRenderedFeatures(
            [
              [p.x - 30, p.y - 30],
              [p.x + 30, p.y + 30],
            ],
            { layers: ["events"] },
          )
          .map((f) => f.properties.id as string);
      },
      [lon, lat] as [number, number],
    );
  }

  test("the map shows the seed's events at the right places", async (t) => {
    t.diagnostic(`screenshots: ${ws.shots}`);
    const page = await ws.page();
    await page.goto(ws.url);
    await mapReady(page, 5);
    await ws.shot(page, "01-map-arabic");
    assert.equal(await page.getAttribute("html", "dir"), "rtl");
    assert.equal(await page.locator("[data-testid=event-list] .event-row").count(), 5);
    // Displacement is drawn as arrows from Deir ez-Zor to where people fled.
    await page.waitForFunction(
      () =>
        ((globalThis as unknown as RasdGlobal).__rasd?.map.querySourceFeatures("flows").length ??
          0) > 0,
      null,
      { timeout: 15_000 },
    );
    for (const want of EXPECTED) {
      const e = bySub(want.sub);
      assert.equal(e.location, want.place);
      assert.ok(Math.abs((e.latitude as number) - want.lat) < 1e-4, `${want.place} latitude`);
      assert.ok(Math.abs((e.longitude as number) - want.lon) < 1e-4, `${want.place} longitude`);
      const ids = await renderedAt(page, want.lon, want.lat);
      assert.ok(ids.includes(e.id), `${want.sub} drawn at ${want.place} (found ${ids.join(", ")})`);
    }
    await ws.shot(page, "02-map-zoomed-eastern-aleppo");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("first useful paint of the seed data is quick", async (t) => {
    const page = await ws.page();
    await page.goto(ws.url);
    await mapReady(page, 5);
    await page.waitForFunction(
      () => (globalThis as unknown as RasdGlobal).__rasd?.firstEventsAt !== undefined,
    );
    const ms = await page.evaluate(
      () => (globalThis as unknown as RasdGlobal).__rasd?.firstEventsAt ?? -1,
    );
    t.diagnostic(`first useful paint (basemap and events drawn): ${Math.round(ms)} ms`);
    // The goal is 2 s on a laptop; software WebGL on a shared CI machine gets more room.
    assert.ok(ms > 0 && ms < 10_000, `first paint took ${ms} ms`);
    await page.close();
  });

  test("filtering by type changes the map and the list", async () => {
    const page = await ws.page();
    await page.goto(ws.url);
    await mapReady(page, 5);
    await page.locator("[data-testid=filter-type-battle]").uncheck();
    await mapReady(page, 4);
    assert.equal(await page.locator("[data-testid=event-list] .event-row").count(), 4);
    assert.match(page.url(), /cls=/);
    const battle = bySub("Armed clash");
    const flight = bySub("Flight");
    const atDeir = await renderedAt(page, 40.14607, 35.33189);
    assert.ok(!atDeir.includes(battle.id), "the battle is gone from the map");
    assert.ok(atDeir.includes(flight.id), "the displacement at the same place stays");
    await ws.shot(page, "03-filter-no-battles");
    // Only air strikes: one event, the one at Quriyeh.
    for (const c of [
      "shelling",
      "explosive",
      "civilians",
      "displacement",
      "protest",
      "strategic",
    ]) {
      await page.locator(`[data-testid=filter-type-${c}]`).uncheck();
    }
    await mapReady(page, 1);
    const rows = page.locator("[data-testid=event-list] .event-row");
    assert.equal(await rows.count(), 1);
    assert.equal(await rows.first().getAttribute("data-event-id"), bySub("Air/drone strike").id);
    // A shared link restores the filter.
    const shared = page.url();
    const other = await ws.page();
    await other.goto(shared);
    await mapReady(other, 1);
    assert.equal(await other.locator("[data-testid=filter-type-battle]").isChecked(), false);
    assert.equal(await other.locator("[data-testid=filter-type-airstrike]").isChecked(), true);
    await other.close();
    await page.close();
  });

  test("text search, after Arabic normalisation, narrows the list and the map", async () => {
    const page = await ws.page();
    await page.goto(ws.url);
    await mapReady(page, 5);
    // With a kasra the article does not have: «ناشِطون» finds the activists' report.
    await page.locator("[data-testid=filter-q]").fill("ناشِطون");
    await mapReady(page, 1);
    const rows = page.locator("[data-testid=event-list] .event-row");
    assert.equal(await rows.count(), 1);
    assert.equal(await rows.first().getAttribute("data-event-id"), bySub("Attack").id);
    assert.match(decodeURIComponent(page.url()), /q=ناشِطون/);
    await page.close();
  });

  test("clicking an event shows its sources and highlighted evidence", async () => {
    const strike = bySub("Air/drone strike");
    const detail = (await (await fetch(`${ws.url}/api/events/${strike.id}`)).json()) as EventDetail;
    const report = detail.reports[0];
    assert.ok(report);
    const article = (await (
      await fetch(`${ws.url}/api/articles/${report.article_id}`)
    ).json()) as ArticleDetail;

    const page = await ws.page();
    await page.goto(ws.url);
    await mapReady(page, 5);
    await page.evaluate(
      ([x, y]) =>
        (globalThis as unknown as RasdGlobal).__rasd?.map.jumpTo({ center: [x, y], zoom: 12 }),
      [strike.longitude as number, strike.latitude as number] as [number, number],
    );
    await mapReady(page);
    const box = await page.locator("[data-testid=map]").boundingBox();
    assert.ok(box);
    const at = await page.evaluate(
      ([x, y]) => (globalThis as unknown as RasdGlobal).__rasd?.map.project([x, y]),
      [strike.longitude as number, strike.latitude as number] as [number, number],
    );
    assert.ok(at);
    await page.mouse.click(box.x + at.x, box.y + at.y);
    const panel = page.locator("[data-testid=event-panel]");
    await panel.locator("h2").waitFor();
    assert.equal(await panel.getAttribute("data-event-id"), strike.id);
    assert.match(page.url(), new RegExp(`event=${strike.id}`));

    // Sources: the outlet and the military sources it cites, with the verb's stance.
    const sources = page.locator("[data-testid=event-sources]");
    const names = await sources.locator("[data-testid=source-name]").allTextContents();
    assert.ok(names.includes("العربي الجديد"), names.join(" | "));
    assert.ok(names.includes("مصادر في قوات النظام"), names.join(" | "));
    assert.equal(
      (await sources.locator("[data-testid=stance]").first().textContent())?.trim(),
      "يؤكد",
    );

    // Evidence: each highlighted span is exactly the text at the analysis' offsets.
    const evidence = page.locator("[data-testid=event-evidence]");
    await evidence.locator("blockquote mark").first().waitFor();
    for (const role of ["trigger", "location", "actor1"]) {
      const want = report.record.evidence
        .filter((e) => e.role === role)
        .map((e) => article.text.slice(e.start, e.end));
      const got = await evidence.locator(`blockquote mark.hl-${role}`).allTextContents();
      for (const w of want)
        assert.ok(got.includes(w), `${role} «${w}» highlighted (got ${got.join(" | ")})`);
    }
    assert.ok((await evidence.locator("blockquote").textContent())?.includes("القورية"));
    await ws.shot(page, "04-event-panel-airstrike");

    // Escape closes the panel.
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("the event list works from the keyboard", async () => {
    const page = await ws.page();
    await page.goto(ws.url);
    await mapReady(page, 5);
    const rows = page.locator("[data-testid=event-list] .event-row");
    await rows.first().focus();
    await page.keyboard.press("ArrowDown");
    const second = await rows.nth(1).getAttribute("data-event-id");
    assert.equal(
      await page.evaluate(() =>
        (
          globalThis as unknown as {
            document: { activeElement: { getAttribute(n: string): string | null } };
          }
        ).document.activeElement.getAttribute("data-event-id"),
      ),
      second,
    );
    await page.keyboard.press("Enter");
    const panel = page.locator("[data-testid=event-panel]");
    await panel.locator("h2").waitFor();
    assert.equal(await panel.getAttribute("data-event-id"), second);
    await page.close();
  });

  test("the map's events can be stepped through from the keyboard", async () => {
    const page = await ws.page();
    await page.goto(ws.url);
    await mapReady(page, 5);
    await page.locator("[data-testid=map] canvas").focus();
    await page.keyboard.press("n");
    const panel = page.locator("[data-testid=event-panel]");
    await panel.locator("h2").waitFor();
    const first = await panel.getAttribute("data-event-id");
    assert.match((await page.locator("[data-testid=map-announce]").textContent()) ?? "", /1/);
    await page.keyboard.press("n");
    await page.waitForFunction(
      (id) =>
        (
          globalThis as unknown as {
            document: { querySelector(s: string): { getAttribute(n: string): string } | null };
          }
        ).document
          .querySelector("[data-testid=event-panel]")
          ?.getAttribute("data-event-id") !== id,
      first,
    );
    await page.keyboard.press("p");
    await page.waitForFunction(
      (id) =>
        (
          globalThis as unknown as {
            document: { querySelector(s: string): { getAttribute(n: string): string } | null };
          }
        ).document
          .querySelector("[data-testid=event-panel]")
          ?.getAttribute("data-event-id") === id,
      first,
    );
    await ws.shot(page, "05b-map-keyboard");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("brushing the timeline narrows the map and the list to the period", async () => {
    const page = await ws.page();
    await page.goto(ws.url);
    await mapReady(page, 5);
    const area = page.locator(".timeline .brush-area");
    const b = await area.boundingBox();
    assert.ok(b);
    // The span is 1–2 November: the right half of the plot is the 2nd.
    await page.mouse.move(b.x + b.width * 0.6, b.y + b.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width * 0.95, b.y + b.height / 2, { steps: 4 });
    await page.mouse.up();
    await mapReady(page, 4);
    assert.match(page.url(), /from=2017-11-02&to=2017-11-02/);
    assert.equal(await page.locator("[data-testid=event-list] .event-row").count(), 4);
    await ws.shot(page, "05-timeline-brushed");
    await page.close();
  });

  test("the dispute board shows the Jarrard–Konashenkov dispute", async () => {
    const page = await ws.page();
    await page.goto(ws.url);
    await page.locator("[data-testid=tab-disputes]").click();
    const dispute = page.locator("[data-testid=dispute]").filter({ hasText: "كوناشنكوف" });
    await dispute.first().waitFor();
    assert.equal(await dispute.count(), 1);
    const who = (await dispute.locator("[data-testid=dispute-who]").textContent()) ?? "";
    assert.ok(who.includes("جيمس جيرارد"), who);
    assert.ok(who.includes("إيغور كوناشنكوف"), who);
    // Two sides, each with its claims, the Russian spokesman's "زعم" shown as an allegation.
    assert.equal(await dispute.locator(".side").count(), 2);
    const side2 = await dispute.locator(".side").nth(1).textContent();
    assert.ok(side2?.includes("يزعم"), "Konashenkov's زعم is an allegation");
    assert.match(page.url(), /view=disputes/);
    await ws.shot(page, "06-disputes");
    // The dispute links to its event on the map.
    await dispute.locator(".dispute-links .link-button").first().click();
    await page.locator("[data-testid=event-panel] h2").waitFor();
    assert.equal(
      await page.locator("[data-testid=event-panel]").getAttribute("data-event-id"),
      bySub("Flight").id,
    );
    await page.close();
  });

  test("switching to English works", async () => {
    const page = await ws.page();
    await page.goto(ws.url);
    await mapReady(page, 5);
    await page.locator("[data-testid=lang-toggle]").click();
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { documentElement: { lang: string } } }).document
          .documentElement.lang === "en",
    );
    assert.equal(await page.getAttribute("html", "dir"), "ltr");
    assert.equal((await page.locator("[data-testid=tab-map]").textContent())?.trim(), "Map");
    assert.match(page.url(), /lang=en/);
    const titles = await page
      .locator("[data-testid=event-list] .event-row-title")
      .allTextContents();
    assert.ok(
      titles.some((x) => x.startsWith("Battles")),
      titles.join(" | "),
    );
    const image = await page.evaluate(() =>
      (globalThis as unknown as RasdGlobal).__rasd?.map.getLayoutProperty("place-1", "icon-image"),
    );
    assert.ok(JSON.stringify(image).includes("name_en"), "map labels in English");
    await mapReady(page);
    await ws.shot(page, "07-map-english");
    await page.locator("[data-testid=event-list] .event-row").first().click();
    await page.locator("[data-testid=event-panel] h2").waitFor();
    await ws.shot(page, "08-event-panel-english");
    // And back.
    await page.locator("[data-testid=lang-toggle]").click();
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { documentElement: { dir: string } } }).document
          .documentElement.dir === "rtl",
    );
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("the reader highlights what rasd found and explains it", async () => {
    const page = await ws.page();
    await page.goto(`${ws.url}/?view=reader`);
    const text = page.locator("[data-testid=article-text]");
    await text.locator(".hl-place").first().waitFor();
    const place = text.locator(".hl-place").filter({ hasText: "القورية" }).first();
    await place.click();
    const detail = page.locator("[data-testid=reader-detail]");
    await detail.locator("dl").first().waitFor();
    const shown = (await detail.textContent()) ?? "";
    assert.ok(shown.includes("Quriyeh"), shown);
    assert.ok(shown.includes("ocha:"), "the gazetteer entry is named");
    await ws.shot(page, "09-reader");
    await page.close();
  });

  test("article text is shown as text, never as HTML", async () => {
    const hostile =
      'قصفت قوات النظام بلدة كفرنبل جنوب إدلب اليوم الجمعة <img src=x onerror="globalThis.__pwned=1"><b>عاجل</b>، ما أسفر عن مقتل خمسة مدنيين بحسب ناشطين.';
    const res = await fetch(`${ws.url}/api/articles`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: hostile, published: "2019-05-10", outlet: "<i>منفذ</i>" }),
    });
    assert.equal(res.status, 201);
    const posted = (await res.json()) as { article: { id: string }; event_ids: string[] };
    const page = await ws.page();
    await page.goto(`${ws.url}/?view=reader&article=${posted.article.id}`);
    const text = page.locator("[data-testid=article-text]");
    await text.waitFor();
    assert.equal(
      await page.locator("[data-testid=article-text] img, [data-testid=article-text] b").count(),
      0,
    );
    assert.ok((await text.textContent())?.includes('<img src=x onerror="globalThis.__pwned=1">'));
    if (posted.event_ids[0]) {
      await page.goto(`${ws.url}/?event=${posted.event_ids[0]}`);
      await page.locator("[data-testid=event-evidence] blockquote").first().waitFor();
      assert.equal(
        await page.locator("[data-testid=event-panel] img, [data-testid=event-panel] i").count(),
        0,
      );
    }
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned),
      undefined,
    );
    await page.close();
  });

  test("on a tablet the map comes first and the panel covers it", async () => {
    const page = await ws.page({ width: 800, height: 1100 });
    await page.goto(`${ws.url}/?event=${bySub("Armed clash").id}`);
    await mapReady(page);
    await page.locator("[data-testid=event-panel] h2").waitFor();
    await ws.shot(page, "10-tablet-event");
    await page.locator("[data-testid=event-panel] .close").first().click();
    await mapReady(page);
    await ws.shot(page, "11-tablet-map");
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});
