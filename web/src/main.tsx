import "@fontsource/noto-sans-arabic/arabic-400.css";
import "@fontsource/noto-sans-arabic/arabic-600.css";
import "@fontsource/noto-sans-arabic/arabic-700.css";
import "@fontsource/noto-sans-arabic/latin-400.css";
import "@fontsource/noto-sans-arabic/latin-600.css";
import "@fontsource/noto-sans-arabic/latin-700.css";
import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";

// The map draws its labels on canvases: the font must be there first (it is bundled, so this
// is quick), or the first labels would be drawn in a fallback font.
const fonts = Promise.all(
  ["400", "600", "700"].map((w) =>
    document.fonts.load(`${w} 14px "Noto Sans Arabic"`, "رصد rasd 0123").catch(() => []),
  ),
);
const root = document.getElementById("root");
if (root) {
  fonts.finally(() => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
}
