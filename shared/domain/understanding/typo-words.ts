/**
 * The words worth correcting a typo into: the words the extractors key on (themes, occasions, people,
 * styles, colours, suppliers, places, number words, days and months). Only words of 5 letters or more,
 * because a shorter word is one edit away from too many others ("cake" and "lake").
 */
export const TYPO_TARGETS: readonly string[] =
  // Themes.
  (
    'jungle safari unicorn princess superhero pirate dinosaur mermaid ocean circus carnival tropical ' +
    'hawaiian frozen sports soccer football basketball baseball construction fairy western cowboy fiesta ' +
    'disco masquerade hollywood casino woodland camping glamping rainbow minecraft pokemon barbie encanto ' +
    'moana cocomelon disney mickey minnie robot monster sleepover science galaxy astronaut halloween ' +
    'christmas wonderland enchanted ' +
    // Occasions and what they are called.
    'birthday wedding anniversary graduation retirement engagement shower bachelorette housewarming ' +
    'reunion baptism christening communion quinceanera celebration party theme themed ' +
    // People.
    'guests people persons children adults friends family relatives cousins colleagues coworkers ' +
    'employees students classmates teenagers toddlers babies ladies attendees ' +
    // "my wifes 40th", "my husbands 50th": with the apostrophe back, the age reader sees whose
    // birthday it is.
    "wife's husband's " +
    // Dietary needs.
    'vegetarian gluten ' +
    // Looks.
    'elegant rustic modern vintage retro minimalist glamorous whimsical classic industrial formal casual ' +
    'romantic luxury colorful pastel silver purple yellow orange turquoise lavender burgundy ' +
    // Suppliers and places.
    'photographer videographer florist magician clown balloon balloons painter painting bounce bouncy ' +
    'castle booth restaurant rooftop backyard garden community budget dollars euros pounds ' +
    // Number words.
    'three seven eight eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty ' +
    'thirty forty fifty sixty seventy eighty ninety hundred thousand dozen ' +
    // Days and months (chrono-node reads only exact spellings).
    'monday tuesday wednesday thursday friday saturday sunday january february march april august ' +
    'september october november december tomorrow weekend'
  ).split(' ');
