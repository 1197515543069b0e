package dev.faultline.alert.email;

import dev.faultline.alert.Channel;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.MessageText;
import dev.faultline.alert.Notification;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * An e-mail through an SMTP server (Jakarta Mail, Angus): multipart/alternative with the plain
 * text first and the HTML second, STARTTLS when configured (required, not opportunistic), AUTH
 * when a username is set, and every network wait bounded. The server's reply code decides:
 * 4xx is retryable, 5xx permanent, no reply retryable.
 */
public final class EmailNotifier implements Channel {

    static final int TIMEOUT_MS = 10_000;

    private final String name;
    private final EmailSettings settings;
    private final Clock clock;
    private final Session session;

    public EmailNotifier(String name, EmailSettings settings, Clock clock) {
        this.name = name;
        this.settings = settings;
        this.clock = clock;
        this.session = Session.getInstance(properties(settings));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Delivery send(Notification n) {
        MimeMessage message;
        try {
            message = message(n);
        } catch (MessagingException e) {
            throw new IllegalStateException("an alert e-mail could not be composed", e);
        }
        Transport transport = null;
        try {
            transport = session.getTransport("smtp");
            transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
                    settings.password().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
            SMTPTransport smtp = (SMTPTransport) transport;
            return new Delivery.Delivered(smtp.getLastReturnCode(), smtp.getLastServerResponse());
        } catch (MessagingException e) {
            return failure(e);
        } finally {
            closeQuietly(transport);
        }
    }

    MimeMessage message(Notification n) throws MessagingException {
        MessageText text = MessageText.of(n);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(settings.from());
        message.setRecipients(Message.RecipientType.TO, settings.to().toArray(new jakarta.mail.Address[0]));
        message.setSubject(text.title(), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        // RFC 3834: no vacation auto-replies to an alert.
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Faultline-Event", n.event().id());
        message.setHeader("X-Faultline-Dedup-Key", n.dedupKey());
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text.plainText(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(EmailBody.html(n), "UTF-8", "html");
        // Simplest first, richest last (RFC 2046 §5.1.4): clients show the last part they can.
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    static Properties properties(EmailSettings settings) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", settings.host());
        p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        p.setProperty("mail.smtp.from", settings.from().getAddress());
        p.setProperty("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MS));
        p.setProperty("mail.smtp.timeout", Integer.toString(TIMEOUT_MS));
        p.setProperty("mail.smtp.writetimeout", Integer.toString(TIMEOUT_MS));
        p.setProperty("mail.smtp.auth", Boolean.toString(settings.username().isPresent()));
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.starttls()));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.starttls()));
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        return p;
    }

    private static Delivery failure(MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return new Delivery.PermanentFailure(535, "authentication failed: " + text(e));
        }
        Optional<Integer> code = replyCode(e);
        if (code.isPresent()) {
            int c = code.get();
            return c >= 400 && c < 500 ? new Delivery.RetryableFailure(c, text(e), Optional.empty())
                    : new Delivery.PermanentFailure(c, text(e));
        }
        if (e instanceof SendFailedException) return new Delivery.PermanentFailure(0, "rejected: " + text(e));
        if (causedByIo(e)) return new Delivery.RetryableFailure(0, "no answer: " + text(e), Optional.empty());
        // STARTTLS required but not offered, and the like: the server or the settings must change.
        return new Delivery.PermanentFailure(0, text(e));
    }

    /** The SMTP reply code of the first failure that has one (the sender's, a recipient's, the data's). */
    private static Optional<Integer> replyCode(Exception e) {
        for (Exception at = e; at != null; at = at instanceof MessagingException m ? m.getNextException() : null) {
            if (at instanceof SMTPSendFailedException failed && failed.getReturnCode() > 0) return Optional.of(failed.getReturnCode());
            if (at instanceof SMTPAddressFailedException failed && failed.getReturnCode() > 0) return Optional.of(failed.getReturnCode());
        }
        return Optional.empty();
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable at = e; at != null; at = at.getCause()) {
            if (at instanceof IOException) return true;
        }
        return false;
    }

    private static String text(MessagingException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Exception next = e.getNextException();
        return next == null || next.getMessage() == null || message.contains(next.getMessage()) ? message
                : message + " (" + next.getMessage() + ")";
    }

    private static void closeQuietly(Transport transport) {
        if (transport == null) return;
        try {
            transport.close();
        } catch (MessagingException afterTheFact) {
            // The message was sent or refused already; QUIT failing changes neither.
        }
    }

    @Override
    public String toString() {
        return "email channel '" + name + "' " + settings;
    }
}
