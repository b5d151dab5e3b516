package io.prmsync.mapping;

import java.util.regex.Pattern;

/** Names of Change Data Capture channels, as Salesforce forms them. */
public final class ChangeEventChannel {

    private static final Pattern CHANNEL = Pattern.compile("/data/[A-Za-z][A-Za-z0-9_]*(ChangeEvent|__chn)");

    private ChangeEventChannel() {}

    /** The object's own channel: {@code Account} → {@code /data/AccountChangeEvent}, {@code Foo__c} → {@code Foo__ChangeEvent}. */
    public static String standard(String sObject) {
        String base = sObject.endsWith("__c") ? sObject.substring(0, sObject.length() - 1) : sObject;
        return "/data/" + base + "ChangeEvent";
    }

    /** A standard object channel, {@code /data/ChangeEvents}, or a custom channel ({@code /data/Name__chn}). */
    public static boolean isChannelName(String text) {
        return text.equals("/data/ChangeEvents") || CHANNEL.matcher(text).matches();
    }
}
