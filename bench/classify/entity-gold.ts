// Paragraphs written for this benchmark, with the people, places and organizations a reader would
// list. The first eight were written with the extraction rules; the 120 of entity-gold-written.json were
// written later by sessions that did not see the code (real and invented names, every continent):
// the rules were then developed on its even items only, and its odd items are the held-out check.
import { readFileSync } from 'node:fs';

export interface EntityGold {
  text: string;
  people: string[];
  places: string[];
  organizations: string[];
}

const ENTITY_GOLD: EntityGold[] = [
  {
    text: 'German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Monday. Scholz said the European Union would increase its support for Ukraine, and Macron agreed.',
    people: ['Olaf Scholz', 'Emmanuel Macron'],
    places: ['Paris', 'Ukraine'],
    organizations: ['European Union'],
  },
  {
    text: 'Shares in Microsoft rose after the company reported strong cloud sales. Chief executive Satya Nadella told analysts in Seattle that demand from banks such as JPMorgan Chase remained high.',
    people: ['Satya Nadella'],
    places: ['Seattle'],
    organizations: ['Microsoft', 'JPMorgan Chase'],
  },
  {
    text: 'Manchester United beat Arsenal 2-1 at Old Trafford. Bruno Fernandes scored the winner, and manager Erik ten Hag praised his captain. Arsenal coach Mikel Arteta said his side deserved a draw.',
    people: ['Bruno Fernandes', 'Erik ten Hag', 'Mikel Arteta'],
    places: ['Old Trafford'],
    organizations: ['Manchester United', 'Arsenal'],
  },
  {
    text: 'The World Health Organization warned that cholera cases were rising in Sudan and Yemen. Its director-general, Tedros Adhanom Ghebreyesus, appealed to donors in Geneva for more money.',
    people: ['Tedros Adhanom Ghebreyesus'],
    places: ['Sudan', 'Yemen', 'Geneva'],
    organizations: ['World Health Organization'],
  },
  {
    text: 'Prime Minister Rishi Sunak visited a factory in Sunderland run by Nissan. Labour leader Keir Starmer accused him of ignoring the north of England, and the Confederation of British Industry called for more investment.',
    people: ['Rishi Sunak', 'Keir Starmer'],
    places: ['Sunderland', 'England'],
    organizations: ['Nissan', 'Labour', 'Confederation of British Industry'],
  },
  {
    text: 'NASA said its Perseverance rover had collected a new rock sample on Mars. Scientists at the Jet Propulsion Laboratory in California hope the sample will be returned to Earth with help from the European Space Agency.',
    people: [],
    places: ['Mars', 'California', 'Earth'],
    organizations: ['NASA', 'Jet Propulsion Laboratory', 'European Space Agency'],
  },
  {
    text: 'Taylor Swift announced new concert dates in London and Dublin. Her label, Republic Records, said tickets would go on sale through Ticketmaster on Friday.',
    people: ['Taylor Swift'],
    places: ['London', 'Dublin'],
    organizations: ['Republic Records', 'Ticketmaster'],
  },
  {
    text: 'Police in Chicago arrested two men after a shooting near Wrigley Field. Mayor Brandon Johnson said the FBI was helping the investigation.',
    people: ['Brandon Johnson'],
    places: ['Chicago', 'Wrigley Field'],
    organizations: ['FBI'],
  },
];

const written = JSON.parse(readFileSync(new URL('./entity-gold-written.json', import.meta.url), 'utf8')) as EntityGold[];

export const ENTITY_GOLD_SETS: { name: string; paragraphs: EntityGold[] }[] = [
  { name: 'first 8 (rules developed on them)', paragraphs: ENTITY_GOLD },
  { name: 'written, even items (rules developed on them)', paragraphs: written.filter((_, i) => i % 2 === 0) },
  { name: 'written, odd items (held out)', paragraphs: written.filter((_, i) => i % 2 === 1) },
];
