/** The codes that act on a call (transfer, pickup, voicemail, bypass, hidden number), decided from the call state. */
package se.plus.domain.call;
