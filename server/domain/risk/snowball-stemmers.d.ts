/** Types for snowball-stemmers 0.6 (the package ships none): the Snowball stemmers ported to JS. */
declare module "snowball-stemmers" {
  export interface Stemmer {
    stem(word: string): string;
  }
  export function newStemmer(language: string): Stemmer;
  export const algorithms: () => string[];
}
