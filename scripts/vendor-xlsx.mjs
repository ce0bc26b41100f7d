// Bundles write-excel-file (npm, MIT) with its fflate (MIT) into one classic script for
// the 学习台账 page: docs/assets/vendor/write-excel-file/write-excel-file.js, global
// window.PortalXlsx(sheets, options) → Promise<Blob>. It uses the library's synchronous
// zip (the published browser bundle compresses large sheets in blob: Web Workers, which
// the site's Content-Security-Policy, worker-src 'self', does not allow).
// Usage: npm ci && npm run vendor
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";

const pkg = "node_modules/write-excel-file";
const out = "docs/assets/vendor/write-excel-file";
const version = JSON.parse(readFileSync(`${pkg}/package.json`, "utf8")).version;
const fflate = JSON.parse(readFileSync("node_modules/fflate/package.json", "utf8")).version;
mkdirSync(out, { recursive: true });
await build({
  stdin: {
    contents: `
      import { generateXlsxFileSync } from "./${pkg}/modules/export/writeXlsxFileUniversal.js";
      import toUint8Array from "./${pkg}/modules/export/convertFileContentToUint8ArrayUniversal.js";
      window.PortalXlsx = function (sheets, options) { return generateXlsxFileSync(sheets, options, undefined, toUint8Array); };`,
    resolveDir: ".",
  },
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2017",
  legalComments: "none",
  banner: { js: `/* write-excel-file ${version} (MIT, see LICENSE) with fflate ${fflate} (MIT, see LICENSE-fflate); bundled by scripts/vendor-xlsx.mjs */` },
  outfile: `${out}/write-excel-file.js`,
});
copyFileSync(`${pkg}/LICENSE`, `${out}/LICENSE`);
copyFileSync("node_modules/fflate/LICENSE", `${out}/LICENSE-fflate`);
console.log(`${out}/write-excel-file.js: write-excel-file ${version}, fflate ${fflate}`);
