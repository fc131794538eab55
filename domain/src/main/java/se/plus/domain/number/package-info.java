/** Phone numbers as the PBX stores them: extensions (2–6 digits) and E.164, default region SE. */
package se.plus.domain.number;
