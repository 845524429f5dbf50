package io.mmsguard.codec.mail;

/** A MIME entity: its own header block plus either a leaf body or a multipart of further entities. */
public sealed interface MailEntity permits LeafEntity, MultipartEntity {

    Headers headers();

    /** The parsed Content-Type, {@link ContentType#DEFAULT} when the header is absent or unusable. */
    ContentType contentType();
}
