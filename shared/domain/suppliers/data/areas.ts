/** The neighbourhoods the static catalog covers; a supplier serving all of them lists `CITYWIDE`. */
export const CITYWIDE: string[] = [
  'Downtown',
  'Midtown',
  'Old Town',
  'Riverside',
  'Westlake',
  'Lakeshore',
  'Hillcrest',
  'Eastside',
  'Northside',
  'Southgate',
  'University District',
];
