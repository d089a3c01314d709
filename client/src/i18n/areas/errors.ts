import type { ErrorCode } from "../../../../shared/protocol";

/**
 * Every error code in the page's language: the console shows these, never the server's English
 * `message` (that is for logs). Typed over ErrorCode, so a new code does not compile without words.
 */
export const errorsNl: Record<`error.${ErrorCode}`, string> = {
  "error.BAD_REQUEST": "Niet alles is goed ingevuld. Kijk de velden na en probeer het opnieuw.",
  "error.PROTOCOL_OUTDATED": "Er is een nieuwe versie. Laad de pagina opnieuw.",
  "error.UNAUTHENTICATED": "Je bent niet meer ingelogd. Log opnieuw in.",
  "error.FORBIDDEN": "Dat mag niet vanuit jouw rol of voor dit gesprek.",
  "error.NOT_FOUND": "Niet gevonden; misschien is het net veranderd. Laad de pagina opnieuw.",
  "error.SESSION_UNKNOWN": "Deze sessie is verlopen.",
  "error.CLOSED": "De chat is nu gesloten.",
  "error.ALREADY_QUEUED": "Deze jongere wacht of chat al.",
  "error.NOT_QUEUED": "Deze jongere staat niet (meer) in de wachtrij.",
  "error.CONVERSATION_ENDED": "Dit gesprek is al afgelopen of van iemand anders.",
  "error.QUEUE_EMPTY": "Er wacht nu niemand die jij kunt nemen.",
  "error.AT_CAPACITY": "Je hebt al zoveel chats als je aankunt. Rond er eerst een af of zet er meer tegelijk.",
  "error.NOT_AVAILABLE": "Dat kan nu niet: zet jezelf eerst op Beschikbaar, of de collega is er niet.",
  "error.RATE_LIMITED": "Even rustig aan: probeer het over een paar minuten opnieuw.",
  "error.BLOCKED": "Deze jongere is geblokkeerd.",
  "error.ALREADY_CLAIMED": "Een collega heeft dit net opgepakt.",
  "error.RETURN_CODE_UNKNOWN": "Die terugkomcode kennen we niet.",
  "error.TOO_LARGE": "Dat is te lang. Maak het korter.",
  "error.CONFLICT": "Dat bestaat al, of is al gebeurd.",
  "error.BAD_CREDENTIALS": "E-mailadres of wachtwoord klopt niet.",
  "error.WEAK_PASSWORD": "Dit wachtwoord is te makkelijk te raden. Kies een langer wachtwoord; een zin werkt goed.",
  "error.UNAVAILABLE": "Geen verbinding met de server. Probeer het zo opnieuw.",
  "error.INTERNAL": "Er ging iets mis aan onze kant. Probeer het opnieuw.",
};

export const errorsEn: Record<`error.${ErrorCode}`, string> = {
  "error.BAD_REQUEST": "Not everything is filled in correctly. Check the fields and try again.",
  "error.PROTOCOL_OUTDATED": "There is a new version. Please reload the page.",
  "error.UNAUTHENTICATED": "You are no longer logged in. Please log in again.",
  "error.FORBIDDEN": "Your role may not do that, or not for this conversation.",
  "error.NOT_FOUND": "Not found; it may just have changed. Reload the page.",
  "error.SESSION_UNKNOWN": "This session has expired.",
  "error.CLOSED": "The chat is closed now.",
  "error.ALREADY_QUEUED": "This youth is already waiting or chatting.",
  "error.NOT_QUEUED": "This youth is not (or no longer) in the queue.",
  "error.CONVERSATION_ENDED": "This conversation has already ended or is someone else's.",
  "error.QUEUE_EMPTY": "Nobody you can take is waiting right now.",
  "error.AT_CAPACITY": "You have as many chats as you can take. Finish one first, or take more at once.",
  "error.NOT_AVAILABLE": "Not possible now: set yourself to Available first, or the colleague is not there.",
  "error.RATE_LIMITED": "Slow down: try again in a few minutes.",
  "error.BLOCKED": "This youth is blocked.",
  "error.ALREADY_CLAIMED": "A colleague just picked this up.",
  "error.RETURN_CODE_UNKNOWN": "We do not know that return code.",
  "error.TOO_LARGE": "That is too long. Make it shorter.",
  "error.CONFLICT": "That exists already, or has happened already.",
  "error.BAD_CREDENTIALS": "E-mail address or password is wrong.",
  "error.WEAK_PASSWORD": "This password is too easy to guess. Choose a longer one; a sentence works well.",
  "error.UNAVAILABLE": "No connection to the server. Try again in a moment.",
  "error.INTERNAL": "Something went wrong on our side. Please try again.",
};
