package dev.wall.core.layout;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;

/** Turns Jackson's syntax errors into one line a technician can act on. */
final class SyntaxErrors {
  private SyntaxErrors() {}

  static Problem problem(String file, StreamReadException e) {
    JsonParser parser = e.getProcessor();
    String path = parser == null ? "" : JsonDocument.pathOf(parser.getParsingContext());
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String[] whatAndFix = explain(e.getOriginalMessage());
    return new Problem(file, path, "invalid JSON" + where + ": " + whatAndFix[0], whatAndFix[1]);
  }

  /**
   * One of the parser's limits on a layout (see {@link JsonDocument}), exceeded at {@code path}.
   */
  static Problem limit(String file, StreamConstraintsException e, String path) {
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String[] whatAndFix;
    if (m.startsWith("Document nesting depth")) {
      whatAndFix =
          pair(
              "objects and lists nest more than " + JsonDocument.MAX_DEPTH + " deep",
              "a layout nests 4 deep, as in screens[0].window.x: check the brackets");
    } else if (m.startsWith("Name length")) {
      whatAndFix =
          pair(
              "a field name is longer than " + JsonDocument.MAX_NAME_CHARS + " characters",
              "use the field names of docs/layout.md");
    } else if (m.startsWith("Number value length")) {
      whatAndFix =
          pair(
              "a number is written with more than " + JsonDocument.MAX_NUMBER_CHARS + " characters",
              "write an ordinary number, such as 10 or 0.05");
    } else {
      whatAndFix =
          pair(
              firstLine(m).replaceAll(" \\(from `[^`]*`\\)", ""),
              "check that this is the layout file");
    }
    return new Problem(file, path, "too big to be a layout: " + whatAndFix[0], whatAndFix[1]);
  }

  private static String[] explain(String message) {
    String m = message == null ? "" : message;
    if (m.contains("Unexpected end-of-input") && m.contains("VALUE_STRING")) {
      return pair("a text value has no closing double quote", "add the missing \"");
    }
    if (m.contains("Unexpected end-of-input")) {
      return pair("the file ends too early", "add the missing '}' or ']' at the end");
    }
    if (m.contains("maybe a (non-standard) comment")) {
      return pair("comments are not allowed in JSON", "remove the comment");
    }
    if (m.contains("(''' (code 39))")) {
      return pair("text must be in double quotes, not single quotes", "use \"...\"");
    }
    if (m.contains("('}' (code 125)): was expecting double-quote")) {
      return pair("a comma before '}' has nothing after it", "remove the last comma");
    }
    if (m.contains("(']' (code 93)): expected a value")) {
      return pair("a comma before ']' has nothing after it", "remove the last comma");
    }
    if (m.contains("was expecting double-quote to start field name")) {
      return pair("a field name must be in double quotes", "write it as \"name\": value");
    }
    if (m.contains("was expecting comma to separate Object entries")) {
      return pair("a comma is missing between two fields", "add ',' after the previous value");
    }
    if (m.contains("was expecting comma to separate Array entries")) {
      return pair("a comma is missing between two items", "add ',' after the previous item");
    }
    if (m.contains("was expecting a colon")) {
      return pair("a ':' is missing after a field name", "write it as \"name\": value");
    }
    if (m.contains("Illegal unquoted character") || m.contains("Illegal control character")) {
      return pair(
          "a text value contains a line break or control character",
          "close the text with \" on the same line, or write \\n");
    }
    if (m.startsWith("Unrecognized token")) {
      String token = between(m, "'", "'");
      return pair(
          "unknown word '" + token + "'",
          "put text in double quotes; only true, false and null go without");
    }
    if (m.contains("Leading zeroes not allowed")) {
      return pair("a number starts with 0", "remove the leading zeros");
    }
    if (m.contains("Non-standard token")) {
      return pair("NaN and Infinity are not JSON numbers", "use an ordinary number");
    }
    if (m.contains("Unexpected close marker")) {
      return pair("a '}' or ']' does not match its opening bracket", "check the brackets");
    }
    return pair(firstLine(m).replaceAll(" \\(code \\d+\\)", ""), "fix the JSON syntax there");
  }

  private static String[] pair(String what, String fix) {
    return new String[] {what, fix};
  }

  private static String between(String s, String open, String close) {
    int a = s.indexOf(open);
    int b = a < 0 ? -1 : s.indexOf(close, a + 1);
    return b < 0 ? s : s.substring(a + 1, b);
  }

  private static String firstLine(String s) {
    return s.lines().findFirst().orElse("invalid JSON");
  }
}
