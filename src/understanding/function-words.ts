import type { Language } from '../content/languages.js';

/**
 * The grammatical words of each language: articles, prepositions, conjunctions, pronouns,
 * auxiliaries. They stay features (IDF weighs them; "not", "why", "how", "up", "new" carry
 * meaning and are deliberately absent), but they are not *evidence*: a message made only of
 * them ("is", "est", "und", "the other") names no topic, so no entry may answer it.
 * Kept short on purpose: the 1,291-word lists of stopword packages remove words that matter.
 */
// One string per language, split at load: the lists read as text, not as code.
const words = (list: string) => list.split(' ');

export const functionWords: Record<Language, readonly string[]> = {
  en: words('a an the is are was were be been am do does did i me my you your we our it its he she they them this that these those of to in on at for with by from and or but so if as there here other another some any can could would should will have has had please ok okay what which who im s t ll ve d m'),
  it: words('il lo la i gli le l un uno una di a da in con su per tra fra del dello della dei degli delle al allo alla ai agli alle dal dalla nel nella nei sul sulla e ed o ma se che chi cui mi ti si ci vi ne io tu lui lei noi voi loro mio mia miei mie tuo tua suo sua questo questa quello quella altro altra altri e sono ho hai ha abbiamo hanno essere avere sì si ok c po'),
  fr: words('le la les l un une des du de d a au aux en dans sur pour par avec et ou mais si que qui qu je j tu il elle on nous vous ils elles me m te t se s ce c cet cette ces mon ma mes ton ta tes son sa ses notre votre vos leur est es suis sont etre ai as avons avez ont avoir autre autres y ok oui'),
  de: words('der die das den dem des ein eine einen einem einer eines und oder aber wenn dass ich du er sie es wir ihr mich mir dich dir uns euch mein meine meinen meinem meiner dein deine sein seine ihre ihren unser unsere ist bin bist sind seid war habe hast hat haben in im an am auf aus bei mit nach von vom zu zum zur fur uber um andere anderen anderer anderes ja ok bitte man kann konnen'),
};
