/**
 * The fault campaign's table: each fault tests/integration/fault-campaign.test.ts injects, and the state
 * it must end in. The campaign names its tests from it (and fails on a fault missing here, or a row no
 * test injects); docs/guarantees.md shows it (tests/unit/guarantees-doc.test.ts keeps the two equal).
 */
export interface FaultRow {
  area: string;
  fault: string;
  state: string;
}

const rows = (area: string, list: [fault: string, state: string][]): FaultRow[] =>
  list.map(([fault, state]) => ({ area, fault, state }));

const REFUSED = 'exit 2, `OUTPUT_FAILED`, left untouched';

export const FAULT_CAMPAIGN: readonly FaultRow[] = [
  ...rows('outputs', [
    ['the data folder as --out of a folder export', REFUSED],
    ['the data folder as --out, with --force', `${REFUSED}: even --force never removes the data`],
    ['the data folder as --out-dir of export --all, with --force', REFUSED],
    ['a data file as --out, with --force', REFUSED],
    ['a folder of unrelated files as --out', `${REFUSED} (--force replaces it)`],
    ['a folder of unrelated files as --out-dir of export --all', REFUSED],
    [
      'a folder of unrelated files as --out, with --force',
      'exit 0: replaced by the export, with its manifest',
    ],
    ['a FIFO as --out', `${REFUSED} (--out - writes to a pipe)`],
    ['a FIFO as --out of a folder export', REFUSED],
    ['a character device (our own /dev/null node) as --out', `${REFUSED}: still a device (as root only)`],
    ['a symbolic link to a file elsewhere as --out', `${REFUSED}: the link and its target`],
    ['a symbolic link as --out, with --force', 'exit 0: the link is replaced by a file, its target kept'],
    ['a symbolic link to the data folder as --out of a folder export', REFUSED],
    [
      'a symbolic link to the data folder as --out, with --force',
      'exit 0: the link is replaced by the export, the data kept',
    ],
    ['an existing folder as --out of a file format', 'exit 0: the default name written inside'],
    ['an earlier export as --out', 'exit 0: replaced'],
    ['a stale temporary file of a killed export beside the target', 'exit 0: removed'],
    ['--out - for every file format', 'the same bytes as the file; a folder format is `USAGE` (exit 2)'],
    ['export --all', 'a manifest: the data key, the version, each file with its SHA-256'],
  ]),
  ...rows('export --all', [
    [
      'SIGKILL while the new set is written',
      'the old set whole; the next run removes the staging folder and converges',
    ],
    [
      'killed between setting the old set aside and renaming the new one in',
      'the next run puts the old set back first',
    ],
  ]),
  ...rows('inputs', [
    ['a statements file linked from inside the data folder', 'exit 0: followed, every statement counted'],
    [
      'a statements file linked from outside the data folder',
      'exit 1, `PATH_OUTSIDE_ROOT` at the link, nothing loaded',
    ],
    ['a linked folder inside the data folder', 'exit 0: followed, each file read once'],
    ['a link to a folder that holds it', 'exit 1, `PATH_LOOP`, no hang'],
    ['a link to itself', 'exit 1, `PATH_LOOP`'],
    ['a FIFO named .yaml in the data folder', 'exit 0, a `NOT_REGULAR_FILE` warning, never opened'],
    ['a FIFO named .yaml in the data folder, with --strict', 'exit 1, `NOT_REGULAR_FILE`'],
    ['a FIFO given as the data file', 'exit 2, `NO_DATA_FILES` naming the FIFO'],
    ["a FIFO as a document's source text", 'exit 1, `NOT_REGULAR_FILE` at the document, no hang'],
    ["a /dev/zero node as a document's source text", 'exit 1, `NOT_REGULAR_FILE`, never read (as root only)'],
    ['a /dev/zero node named .yaml in the data folder', 'exit 0, a warning, never read (as root only)'],
    [
      'kg load --prune with a linked statements file, then one linked from outside',
      'the real Neo4j keeps every statement; the outside link loads nothing (exit 1)',
    ],
  ]),
  ...rows('interrupts and timeouts', [
    ['SIGTERM during a memory query over every path of the article', 'exit 143, `INTERRUPTED`'],
    ['SIGINT during a memory query over every path of the article', 'exit 130, `INTERRUPTED`'],
    ['--timeout 1 on a memory query', 'exit 9, `QUERY_TIMEOUT`; with --json nothing on stderr'],
    ['--timeout of a year (past the 2^31 ms a timer holds) on the memory backend', 'exit 0: it answers'],
    ['--timeout of a year on Neo4j', 'exit 0: it answers, no timer warning'],
    ['SIGTERM while waiting on a server that accepts and never answers', 'exit 143'],
    ['a FIFO as the query file', 'exit 2, `FILE_UNREADABLE`, never waited on'],
    ['SIGTERM while quotes that nearly match are checked', 'exit 143'],
  ]),
  ...rows('the cache', [
    ['every entry cut to half its length', 'the answer of no cache; the entries written again whole'],
    ['every entry empty', 'the answer of no cache; the entries written again whole'],
    [
      "every entry's payload changed into other valid JSON (quote spans moved, problems dropped)",
      'the answer of no cache; the entries written again whole',
    ],
    [
      'every entry in the format before checksums (bare JSON)',
      'the answer of no cache; the entries written again whole',
    ],
    ['every entry bytes that are not UTF-8', 'the answer of no cache; the entries written again whole'],
    [
      'a damaged entry, an old temporary file and a file of the user in the cache folder',
      '`kg cache prune` removes the first two, `clear` every entry, the user’s file stays',
    ],
  ]),
  ...rows('text that reaches a terminal', [
    ['a file name with a line break and escape sequences', 'printed escaped: no fake line, no raw ESC'],
    ['a table cell or column name with control characters', 'escaped, never sent raw'],
    ['an error that names a path with control characters', 'escaped'],
  ]),
];

/** How many faults each area has, in the table's order. */
export function faultCounts(table: readonly FaultRow[] = FAULT_CAMPAIGN): [area: string, faults: number][] {
  const counts = new Map<string, number>();
  for (const { area } of table) counts.set(area, (counts.get(area) ?? 0) + 1);
  return [...counts];
}
