//! What the readers take out of mail, calendars and address books: only what proposals need,
//! owned, so the files' bytes are dropped as soon as each is read.

use chrono::NaiveDateTime;

/// An address with its display name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Addr {
    pub name: String,
    /// Lowercased.
    pub email: String,
}

/// One mail message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// Its Message-ID (without `<>`), or a stand-in made from its headers.
    pub id: String,
    /// The conversation: the first of its References, else its In-Reply-To, else its own id.
    pub thread: String,
    pub from: Addr,
    /// To and Cc.
    pub to: Vec<Addr>,
    /// Decoded (RFC 2047), as written.
    pub subject: String,
    /// In local time.
    pub at: NaiveDateTime,
    /// Bulk or automated: List-Unsubscribe, List-Id, Precedence bulk/list/junk, Auto-Submitted,
    /// a no-reply sender.
    pub bulk: bool,
}

/// One occurrence of a calendar event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub uid: String,
    pub summary: String,
    /// Its start, in local time (an all-day event: midnight).
    pub at: NaiveDateTime,
    pub all_day: bool,
    /// Attendees and organiser.
    pub people: Vec<Addr>,
    /// The organiser's address, if any.
    pub organizer: Option<String>,
}

/// One vCard.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Card {
    /// Its UID, or its first address when it has none.
    pub uid: String,
    pub name: String,
    pub organisation: String,
    pub role: String,
    /// Lowercased.
    pub emails: Vec<String>,
    pub phone: String,
}

/// Everything read from the paths given.
#[derive(Debug, Clone, Default)]
pub struct Read {
    pub mails: Vec<Mail>,
    pub meetings: Vec<Meeting>,
    pub cards: Vec<Card>,
    /// Files or messages that could not be read, each with why.
    pub problems: Vec<String>,
}

impl Read {
    pub fn extend(&mut self, other: Read) {
        self.mails.extend(other.mails);
        self.meetings.extend(other.meetings);
        self.cards.extend(other.cards);
        self.problems.extend(other.problems);
    }
}
