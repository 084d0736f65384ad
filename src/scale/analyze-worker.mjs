// Worker-thread entry: registers tsx (the sources are TypeScript, run without a build step, as
// bin/rasd.js does) and starts the analysis worker.
import { register } from "tsx/esm/api";

register();
await import("./analyze-worker.ts");
