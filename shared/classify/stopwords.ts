// English function words that carry no topic signal. Kept short on purpose: words such as
// "new", "said" or "year" are frequent in news but the model learns their (low) weight itself.
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren as at be because been before being
  below between both but by can could did didn do does doesn doing don down during each few for from
  further had hadn has hasn have haven having he her here hers herself him himself his how i if in into
  is isn it its itself just let ll me more most mustn my myself no nor not now of off on once only or
  other ought our ours ourselves out over own re same shan she should shouldn so some such than that the
  their theirs them themselves then there these they this those through to too under until up ve very
  was wasn we were weren what when where which while who whom why will with won would wouldn you your
  yours yourself yourselves`.split(/\s+/),
);
