"""From a catalog and a query to a ranking: the names resolved (`arguments`), each item as
every muscle sees it (`items`), each muscle's score (`score`), the order and near-tie groups
(`rank`), the warnings (`notices`), the related muscles (`related`), the next questions
(`questions`); the records it answers with (`results`) and what it keeps per catalog
(`memo`)."""
