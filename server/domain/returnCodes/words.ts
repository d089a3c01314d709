/**
 * Words for return codes: short, everyday Dutch nouns a 12-year-old can spell and write down,
 * nothing sad or frightening, no "ij" or accents (typed differently on every keyboard).
 * Kept as data: changing the list invalidates every code made with a word that is gone.
 */
export const RETURN_CODE_WORDS: readonly string[] = [
  "aap", "beer", "bever", "das", "eend", "egel", "ezel", "geit", "gans", "haan", "haas", "hert", "hond",
  "kat", "kip", "koe", "kraai", "lam", "leeuw", "mier", "mol", "muis", "otter", "paard", "panda", "pauw",
  "rups", "schaap", "slak", "spin", "uil", "valk", "vink", "vis", "vlinder", "vos", "wolf", "zebra", "zwaan",
  "koala", "lama", "kikker", "krab", "mus", "merel", "meeuw", "mees", "walvis", "ekster", "havik", "reiger",
  "specht", "kwal", "zeehond", "cavia", "hamster", "eekhoorn", "appel", "peer", "banaan", "kers", "druif",
  "citroen", "mango", "kiwi", "meloen", "perzik", "pruim", "framboos", "bosbes", "ananas", "kokos", "noot",
  "pinda", "tomaat", "wortel", "prei", "sla", "kool", "erwt", "boon", "mais", "brood", "kaas", "taart",
  "koek", "wafel", "soep", "thee", "melk", "honing", "jam", "pizza", "pasta", "friet", "snoep", "drop",
  "muffin", "popcorn", "zon", "maan", "ster", "wolk", "regen", "sneeuw", "storm", "wind", "berg", "heuvel",
  "dal", "rivier", "beek", "meer", "zee", "strand", "duin", "bos", "boom", "blad", "tak", "bloem", "roos",
  "tulp", "lelie", "gras", "mos", "steen", "rots", "zand", "klei", "golf", "eiland", "vulkaan", "grot",
  "bron", "plas", "weide", "akker", "veld", "tuin", "hek", "pad", "fiets", "auto", "bus", "trein", "tram",
  "boot", "schip", "raket", "ballon", "vlieger", "kompas", "kaart", "boek", "pen", "potlood", "gum", "lamp",
  "kaars", "klok", "bel", "fluit", "gitaar", "piano", "trom", "viool", "harp", "radio", "camera", "sleutel",
  "deur", "raam", "dak", "muur", "trap", "stoel", "tafel", "bank", "bed", "kussen", "deken", "jas", "sjaal",
  "muts", "want", "sok", "schoen", "laars", "hoed", "pet", "tas", "koffer", "paraplu", "spiegel", "kam",
  "borstel", "zeep", "beker", "kopje", "bord", "vork", "lepel", "pan", "ketel", "emmer", "schep", "touw",
  "knoop", "draad", "lint", "strik", "kist", "doos", "mand", "vaas", "pot", "fles", "verf", "kwast",
  "puzzel", "bal", "tol", "knikker", "vlag", "kroon", "anker", "zeil", "roer", "mast", "haven", "brug",
  "toren", "kasteel", "molen", "huis", "hut", "tent", "kamp", "markt", "plein", "straat", "park", "rood",
  "blauw", "groen", "geel", "paars", "roze", "oranje", "wit", "bruin", "dans", "lied", "film", "spel",
  "sport", "tennis", "judo", "schaak", "domino", "robot", "planeet", "komeet", "parel", "goud", "zilver",
  "koper", "kristal", "diamant", "magneet",
];
