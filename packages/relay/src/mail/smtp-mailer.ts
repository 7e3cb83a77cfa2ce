// Sends mail through the SMTP server named by SMTP_URL (smtp://user:pass@host:port, or
// smtps:// for TLS from the start), with nodemailer.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer, OutgoingMail } from '../domain/reference/mailer.js';

export class SmtpMailer implements Mailer {
  readonly #transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.#transport = nodemailer.createTransport(url);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.#transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
  }

  async close(): Promise<void> {
    this.#transport.close();
  }
}
