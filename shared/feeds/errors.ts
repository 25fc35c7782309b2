export type FeedParseErrorCode =
  | 'EMPTY' // no bytes, or only whitespace
  | 'NOT_A_FEED' // well-formed input that is no feed or sitemap (an HTML page, some other XML)
  | 'MALFORMED' // neither XML nor JSON that can be read, even leniently
  | 'TOO_LARGE'; // a compressed sitemap that inflates past the cap

/** Thrown by parseFeed; `code` is stable and meant to be recorded on the feed. */
export class FeedParseError extends Error {
  readonly code: FeedParseErrorCode;

  constructor(code: FeedParseErrorCode, message: string) {
    super(message);
    this.name = 'FeedParseError';
    this.code = code;
  }
}
