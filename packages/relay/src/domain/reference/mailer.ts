// The one thing joint reference needs from email: send a plain-text message. The SMTP
// implementation lives in src/mail; a relay without SMTP configured has no mailer at all.

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}
