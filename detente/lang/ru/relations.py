def extract(doc, people, mentions, ru, date, events):
    return [], []
