package se.plus.adapters.sip.wire;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/** Named in the stack's properties (gov.nist.javax.sip.MESSAGE_PARSER_FACTORY); loaded by JAIN-SIP by name. */
public final class ValidatingParserFactory implements MessageParserFactory {

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return new ValidatingParser();
    }
}
