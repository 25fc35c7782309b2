import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { dataPath } from '../data-paths.ts';

/** One training example; `labels` lists the IPTC codes it belongs to (several = 'any of' the map). */
export interface TrainingDoc {
  title: string | null;
  text: string;
  labels: string[];
  /** 'article': a whole article the project wrote (its seed files' "## articles"). */
  source: 'huffpost' | 'iptc' | 'seed' | 'article';
}

export interface TopLevelTopic {
  code: string;
  label: string;
}

export function readJsonLines<T>(file: string): T[] {
  const raw = readFileSync(file);
  const text = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export interface MediaTopic {
  qcode: string;
  label: string;
  definition: string;
  children: Omit<MediaTopic, 'children'>[];
}

/** The 17 top-level IPTC Media Topics with their definitions and level-2 children, as published. */
export function mediaTopics(): MediaTopic[] {
  return (JSON.parse(readFileSync(dataPath('iptc', 'mediatopic-l1-l2.json'), 'utf8')) as { topLevel: MediaTopic[] }).topLevel;
}

export function topLevelTopics(): TopLevelTopic[] {
  return mediaTopics()
    .map((t) => ({ code: t.qcode, label: t.label }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

export function labelMaps(): Record<string, Record<string, string[] | null>> {
  return JSON.parse(readFileSync(dataPath('iptc', 'label-maps.json'), 'utf8'));
}

/** HuffPost headlines (CC BY 4.0), labelled through the crosswalk; unmapped categories are dropped. */
export function huffpostDocs(): TrainingDoc[] {
  const map = labelMaps().huffpost;
  const rows = readJsonLines<{ label: string; headline: string }>(
    dataPath('huffpost', 'train.jsonl.gz'),
  );
  return rows.flatMap((row) => {
    const labels = map[row.label];
    return labels ? [{ title: row.headline, text: '', labels, source: 'huffpost' as const }] : [];
  });
}

interface IptcEntry {
  'Name (en-GB)': string;
  'Definition (en-GB)': string | null;
  'Level1/NewsCode': string;
  RetiredDate: string | null;
}

/** Every live IPTC concept (all levels, CC BY 4.0): its name and definition teach its top-level ancestor. */
export function iptcDefinitionDocs(): TrainingDoc[] {
  const raw = gunzipSync(readFileSync(dataPath('iptc', 'iptc_mapping.json.gz'))).toString('utf8').replace(/\bNaN\b/g, 'null');
  const entries = Object.values(JSON.parse(raw) as Record<string, IptcEntry>);
  return entries
    .filter((e) => !e.RetiredDate && e['Level1/NewsCode'])
    .map((e) => ({
      title: e['Name (en-GB)'],
      text: e['Definition (en-GB)'] ?? '',
      labels: [e['Level1/NewsCode']],
      source: 'iptc' as const,
    }));
}

const seedDir = dataPath('topics-seed');

/** A "labels: 11000000 04000000" line, if `line` is one: the codes it names. */
function labelsLine(line: string | undefined): string[] | null {
  const match = line?.match(/^labels:\s*(.+)$/);
  return match ? match[1].trim().split(/\s+/).map((c) => `medtop:${c}`) : null;
}

/**
 * Text the project wrote itself, one file per topic named after its code (04000000-economy.txt).
 * Under "## lexicon" every line is one example; under "## examples" every paragraph is one; under
 * "## articles" every article is one: articles are separated by a "---" line, each starts with a
 * "title: ..." line and keeps its paragraphs. An example or article may start with (after its title)
 * "labels: 11000000 16000000" to carry several topics.
 */
export function parseSeedFile(content: string, code: string): TrainingDoc[] {
  const docs: TrainingDoc[] = [];
  const sections = content.split(/^## (?=\w)/m).slice(1);
  for (const section of sections) {
    const [heading, ...rest] = section.split('\n');
    const body = rest.filter((line) => !line.startsWith('# ')).join('\n');
    const name = heading.trim();
    if (name === 'lexicon') {
      for (const line of body.split('\n')) {
        if (line.trim()) docs.push({ title: null, text: line, labels: [code], source: 'seed' });
      }
    } else if (name === 'examples') {
      for (const block of body.split(/\n\s*\n/)) {
        const lines = block.split('\n').filter((line) => line.trim() !== '');
        if (lines.length === 0) continue;
        const labels = labelsLine(lines[0]);
        if (labels) lines.shift();
        docs.push({ title: null, text: lines.join(' '), labels: labels ?? [code], source: 'seed' });
      }
    } else if (name === 'articles') {
      for (const article of body.split(/^---\s*$/m)) {
        const lines = article.trim().split('\n');
        const title = lines[0]?.match(/^title:\s*(.+)$/)?.[1].trim();
        if (!title) throw new Error(`seed articles for ${code}: an article must start with "title: ...", not "${lines[0]}"`);
        lines.shift();
        const labels = labelsLine(lines[0]);
        if (labels) lines.shift();
        const text = lines.join('\n').trim().split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).join('\n\n');
        docs.push({ title, text, labels: labels ?? [code], source: 'article' });
      }
    } else {
      throw new Error(`seed file for ${code}: unknown section "## ${name}"`);
    }
  }
  return docs;
}

export function seedDocs(): TrainingDoc[] {
  return readdirSync(seedDir)
    .filter((file) => /^\d{8}-.+\.txt$/.test(file))
    .sort()
    .flatMap((file) => parseSeedFile(readFileSync(path.join(seedDir, file), 'utf8'), `medtop:${file.slice(0, 8)}`));
}
