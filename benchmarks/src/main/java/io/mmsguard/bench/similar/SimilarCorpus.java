package io.mmsguard.bench.similar;

import io.mmsguard.inspection.scan.ScanPart;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A labelled corpus for the similar-content fingerprint, generated deterministically from a seed (the same seed gives
 * the same messages, byte for byte, on the same JDK).
 * <ul>
 * <li>{@link Kind#CAMPAIGN}: copies of one spam template (8 written by hand after real campaigns, the rest generated
 * from the vocabulary): spun wording (each {@code {a|b|c}} chosen per copy), the recipient's name, random tokens and
 * URLs inserted, sentences reordered in half of the campaigns, a fifth of the copies as text/html and a fifth with
 * zero-width characters inside words; a campaign with a picture sends it rescaled (0.5-1.3×), cropped by up to 4 % at
 * each edge and re-encoded (JPEG quality 0.4-0.95, or PNG, or GIF) in every copy.</li>
 * <li>{@link Kind#BULK}: legitimate templated bulk (one-time passcodes, delivery notices, bank alerts, reminders),
 * one group per template, each template from another sender with its own wording; copies differ in codes, amounts,
 * dates, names. <b>Labelling:</b> copies of one template ARE near-identical and are expected to share bands (the
 * measurement reports them apart, not as campaign recall); what the fingerprint must not do is call two different
 * templates similar, or a template similar to a campaign: those pairs count as unrelated. Keeping such bulk out of
 * the threshold is the endpoint lists' job (a sender exempt from mass-MMS checks is exempt from this one).</li>
 * <li>{@link Kind#UNRELATED}: one-off personal messages (each its own group), Zipf-distributed words so that
 * they share common words and word pairs with everything, some with a picture of their own.</li>
 * </ul>
 * The list is shuffled: a message's earlier copies are the ones before it in the list.
 */
public final class SimilarCorpus {

    public enum Kind { CAMPAIGN, BULK, UNRELATED }

    /** One message: its group (copies of one campaign or template share it; an unrelated message is alone in its). */
    public record Message(String group, Kind kind, List<ScanPart> parts) {
        public int size() {
            return parts.stream().mapToInt(p -> p.content().length).sum();
        }
    }

    /** How much to generate. */
    public record Size(int generatedCampaigns, int copiesPerCampaign, int copiesPerBulkTemplate, int unrelated) {
        public static final Size STANDARD = new Size(32, 30, 50, 2000);
    }

    static final List<String> CAMPAIGNS = List.of(
            "{Congratulations|Congrats|Great news} ${name}! {You have been|You've been|You were} {selected|chosen|picked} "
                    + "to {receive|get|claim} a {free|complimentary|bonus} {iPhone 15|Samsung Galaxy|gift card}.\n"
                    + "{Click|Tap|Visit} https://{prize-now|win-today|claim-gift}.com/${token} {to claim|to collect|and "
                    + "claim} {it|your prize|your reward} {before midnight|within 24 hours|today}.\nRef ${token}.",
            "{Hi|Hello|Hey} ${name}, {my name is|I am|this is} {Laura|Jessica|Emily} from {Global|Prime|Elite} "
                    + "{Crypto|Bitcoin|Trading} {Group|Partners|Academy}.\n{Our|My} {clients|members|investors} "
                    + "{earned|made|gained} {300%|250%|400%} {last month|in 30 days|this quarter} {with|using} our "
                    + "{AI|automated|smart} {trading|investment} {system|platform|robot}.\n{Join|Start|Sign up} "
                    + "{now|today} {with|from} {just|only} {250|200|300} EUR: https://{cryptoprime|elitecoin|aitrade}.io/"
                    + "${token}\n{Spaces are limited|Only a few places left|Offer ends soon}.",
            "{Need|Want|Looking for} {cash|money|a loan} {fast|quickly|today}?\n{Get|Receive|Borrow} up to "
                    + "{5000|10000|3000} EUR {in minutes|within an hour|same day} {with no|without any} {credit check|"
                    + "paperwork|fees}.\n{Apply|Click|Go} {now|here|today}: https://{quickloan|fastcash|easymoney}.net/"
                    + "${token}\n{Reply STOP to opt out|Text STOP to unsubscribe|STOP to end}.",
            "{Your|The} {parcel|package|delivery} {could not be delivered|is on hold|was returned} {due to|because of} "
                    + "{an unpaid|a missing|an outstanding} {customs fee|shipping fee|address confirmation}.\n"
                    + "{Please|Kindly} {pay|confirm|update} {1.99|2.49|0.99} EUR {at|via|using} https://{dhl-track|"
                    + "post-redeliver|parcel-info}.com/${token} {within 48 hours|today|before it is returned}.",
            "{Dear customer|Dear ${name}|Hello ${name}}, {your account|your card|your online banking} {has been|was} "
                    + "{suspended|locked|restricted} {due to|after} {unusual activity|a security check|suspicious login "
                    + "attempts}.\n{Verify|Confirm|Restore} {your identity|your details|access} {at|here} "
                    + "https://{secure-bank|verify-acc|bank-help}.info/${token}\n{Failure to do so|If you do not|"
                    + "Otherwise} {will result in|leads to} {permanent closure|account termination|a blocked card}.",
            "{Hey|Hi|Hello} ${name} \uD83D\uDE18 {I saw|I found|I noticed} your {profile|photo|number} {and|so} "
                    + "{wanted to|decided to|had to} {say hi|write you|text you}.\n{I'm|I am} {new in town|bored "
                    + "tonight|looking for fun} {and|so} {want to|would love to} {meet|chat|talk} {someone nice|with "
                    + "you}.\n{See|Check out|Look at} my {photos|pictures|pics} {here|at} https://{meetme|lovechat|"
                    + "hotdates}.club/${token}",
            "{Cheap|Discount|Low cost} {meds|pills|pharmacy} {online|delivered|without prescription}.\n{Save|Get} "
                    + "{up to|over} {70%|80%|90%} {on|off} {all|every|top} {brands|products|orders} {this week|today|"
                    + "now}.\n{Order|Shop|Buy} at https://{rx-cheap|medsdirect|pillshop}.biz/${token} code ${token}",
            "{You have won|You won|You are the winner of} {1,000,000|500,000|2,000,000} EUR in the {International|"
                    + "Euro|Global} {Lottery|Sweepstakes|Draw}!\n{To claim|To receive|To collect} {your|the} {prize|"
                    + "winnings|money} {send|reply with|provide} {your name and address|your bank details|your full "
                    + "details} {to|at} {claims|agent|info}@{eurowin|globaldraw|lotto-int}.org\nTicket ${token}.");

    static final List<String> BULK = List.of(
            "Your Acmebank verification code is ${code}. It expires in 10 minutes. Do not share this code with anyone.",
            "${code} is your Chatterly login code. Never share it. If you did not request it, ignore this message.",
            "Use ${code} to confirm your Ridewell account. Our staff will never ask you for this code.",
            "Parcelo: your parcel ${tracking} will be delivered on ${date} between ${time} and ${time}. "
                    + "Follow it at https://parcelo.example/t/${tracking}",
            "Good news ${name}! Your order ${order} has shipped with Swiftpost. Expected delivery ${date}. "
                    + "Manage your delivery: https://swiftpost.example/d/${order}",
            "NordBank alert: a payment of ${amount} EUR was made with your card ending ${digits} on ${date}. "
                    + "If this was not you, call ${phone}.",
            "Kestrel Savings: your balance on ${date} is ${amount} EUR. Available to spend: ${amount} EUR.",
            "Hi ${name}, your appointment at Bright Dental is confirmed for ${date} at ${time}. Reply C to cancel.");

    private final Wording wording;
    private final long seed;

    public SimilarCorpus(long seed) {
        this.seed = seed;
        this.wording = new Wording(6000, seed);
    }

    public List<Message> generate(Size size) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Message> messages = new ArrayList<>();
        List<String> campaigns = new ArrayList<>(CAMPAIGNS);
        for (int c = 0; c < size.generatedCampaigns(); c++) {
            campaigns.add(generatedTemplate(random));
        }
        for (int c = 0; c < campaigns.size(); c++) {
            boolean reorder = random.nextBoolean();
            BufferedImage picture = random.nextInt(10) < 6 ? Pictures.composition(random) : null;
            for (int k = 0; k < size.copiesPerCampaign(); k++) {
                messages.add(campaignCopy("campaign-" + c, campaigns.get(c), reorder, picture, random));
            }
        }
        for (int t = 0; t < BULK.size(); t++) {
            byte[] logo = t % 3 == 0 ? Pictures.jpeg(Pictures.composition(random), 0.85f) : null;
            for (int k = 0; k < size.copiesPerBulkTemplate(); k++) {
                List<ScanPart> parts = new ArrayList<>();
                parts.add(text(0, "text/plain", Wording.render(BULK.get(t), random, Wording::standardField)));
                if (logo != null) {
                    parts.add(new ScanPart(1, "image/jpeg", "logo.jpg", null, logo));
                }
                messages.add(new Message("bulk-" + t, Kind.BULK, parts));
            }
        }
        for (int u = 0; u < size.unrelated(); u++) {
            messages.add(unrelated("unrelated-" + u, random));
        }
        Collections.shuffle(messages, new Random(random.nextLong()));
        return messages;
    }

    /** A spin template made of vocabulary words: a quarter of the words spun among 2-4 content words. */
    private String generatedTemplate(SplittableRandom random) {
        List<String> sentences = new ArrayList<>();
        if (random.nextInt(10) < 6) {
            sentences.add("{Hi|Hello|Dear|Hey} ${name}, " + templateSentence(random));
        }
        int count = 2 + random.nextInt(4);
        for (int s = 0; s < count; s++) {
            sentences.add(templateSentence(random));
        }
        if (random.nextBoolean()) {
            sentences.add("{Use|Enter|Quote} {code|voucher|promo} ${token} {now|today|at checkout}");
        }
        if (random.nextInt(10) < 7) {
            String domain = "{" + wording.rareWord(random, 200) + "|" + wording.rareWord(random, 200) + "}";
            sentences.add("{Go to|Visit|Open} https://" + domain + ".com/${token}");
        }
        return String.join("\n", sentences);
    }

    private String templateSentence(SplittableRandom random) {
        int length = 6 + random.nextInt(9);
        StringBuilder s = new StringBuilder();
        for (int w = 0; w < length; w++) {
            s.append(w == 0 ? "" : " ");
            if (random.nextInt(4) == 0) {
                int alternatives = 2 + random.nextInt(3);
                s.append('{');
                for (int a = 0; a < alternatives; a++) {
                    s.append(a == 0 ? "" : "|").append(wording.rareWord(random, 40));
                }
                s.append('}');
            } else {
                s.append(wording.word(random));
            }
        }
        return Wording.capitalised(s.toString()) + (random.nextInt(4) == 0 ? "!" : ".");
    }

    private Message campaignCopy(String group, String template, boolean reorder, BufferedImage picture,
                                 SplittableRandom random) {
        List<String> sentences = new ArrayList<>(List.of(Wording.render(template, random, Wording::standardField)
                .split("\n")));
        if (reorder) {
            Collections.shuffle(sentences, new Random(random.nextLong()));
        }
        String body = String.join(random.nextBoolean() ? "\n" : " ", sentences);
        if (random.nextInt(5) == 0) {
            body = zeroWidthInside(body, random);
        }
        List<ScanPart> parts = new ArrayList<>();
        if (random.nextInt(5) == 0) {
            parts.add(text(0, "text/html", "<html><body><p>" + body.replace("\n", "</p><p>") + "</p></body></html>"));
        } else {
            parts.add(text(0, "text/plain", body));
        }
        if (picture != null) {
            Pictures.Encoded copy = Pictures.copy(picture, random, 0.04);
            parts.add(new ScanPart(1, copy.mediaType(), "img", null, copy.bytes()));
        }
        return new Message(group, Kind.CAMPAIGN, parts);
    }

    private Message unrelated(String group, SplittableRandom random) {
        int sentences = 1 + random.nextInt(5);
        List<String> text = new ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            text.add(wording.sentence(random, 3 + random.nextInt(12)) + (random.nextInt(3) == 0 ? "?" : "."));
        }
        List<ScanPart> parts = new ArrayList<>();
        parts.add(text(0, "text/plain", String.join(" ", text)));
        if (random.nextInt(10) < 4) {
            parts.add(new ScanPart(1, "image/jpeg", "photo.jpg", null,
                    Pictures.jpeg(Pictures.composition(random), 0.85f)));
        }
        return new Message(group, Kind.UNRELATED, parts);
    }

    private static String zeroWidthInside(String text, SplittableRandom random) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            out.append(text.charAt(i));
            if (Character.isLetter(text.charAt(i)) && random.nextInt(8) == 0) {
                out.append('\u200B');
            }
        }
        return out.toString();
    }

    private static ScanPart text(int index, String type, String text) {
        return new ScanPart(index, type, null, "utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
}
