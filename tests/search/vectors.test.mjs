// The search page's word functions (themes/default/static/search.js) against the vectors
// src/search/fold.rs and stem.rs are tested with: run `node tests/search/vectors.test.mjs`
// (tests/it/search.rs runs it). Prints each disagreement and exits 1 if there is one.
import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";

const here = new URL(".", import.meta.url);
const script = readFileSync(new URL("../../themes/default/static/search.js", here), "utf8");
const context = {};
runInNewContext(script, context);
const { words, stem } = context.cerminSearchLib;

const rows = (name) =>
  readFileSync(new URL(name, here), "utf8")
    .split("\n")
    .map((line, i) => [line, i + 1])
    .filter(([line]) => line && !line.startsWith("#"))
    .map(([line, n]) => [line.split("\t"), n]);

let failures = 0;
let checked = 0;
for (const [[text, expected], n] of rows("fold_vectors.tsv")) {
  const got = words(text).join(" ");
  checked++;
  if (got !== expected) {
    failures++;
    console.log(`fold_vectors.tsv:${n}: ${JSON.stringify(text)} gave ${JSON.stringify(got)}, want ${JSON.stringify(expected)}`);
  }
}
const stemmers = { id: "id", ms: "id", en: "en" };
for (const [[language, word, expected], n] of rows("stem_vectors.tsv")) {
  const got = stem(stemmers[language.split(/[-_]/)[0]] || "none", word);
  checked++;
  if (got !== expected) {
    failures++;
    console.log(`stem_vectors.tsv:${n}: ${word} gave ${got}, want ${expected}`);
  }
}
console.log(`${checked} vectors checked, ${failures} disagree`);
process.exit(failures ? 1 : 0);
