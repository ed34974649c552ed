// The record reader for published pages: the whole page is read (pages
// are small), parsed, and handed out as tool records, then review records.
#include "app/import/import_page.h"

#include <fmt/format.h>

#include <algorithm>

#include "toolcmp/app/import.h"
#include "toolcmp/base/byte_source.h"
#include "toolcmp/formats/page.h"
#include "toolcmp/base/text.h"

namespace toolcmp {

namespace {

class PageReader : public RecordReader {
 public:
  PageReader(ByteSource& source, const std::vector<std::string>& panel) : name_(source.name()) {
    std::string text;
    for (int c = source.get(); c >= 0; c = source.get()) {
      if (text.size() == kMaxPageBytes) {
        throw RecordError(fmt::format("{}:1: the page is larger than {} MiB", name_, kMaxPageBytes >> 20));
      }
      text += static_cast<char>(c);
    }
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    check(text);
    bool markdown = looks_like_markdown(text);
    try {
      page_ = looks_like_html(text) ? parse_html_page(text, panel) : parse_page(text, markdown, panel);
    } catch (const PageError& e) {
      throw RecordError(fmt::format("{}:{}: {}", name_, e.line(), e.what()));
    }
  }

  bool next(Record& record) override {
    if (next_persona_ < page_.personas.size()) {
      const PagePersona& persona = page_.personas[next_persona_++];
      record.where = fmt::format("{}:{}", name_, persona.line);
      record.value = PersonaRecord{persona.persona, {"focus", "weight"}};
      return true;
    }
    if (next_tool_ < page_.tools.size()) {
      const PageTool& tool = page_.tools[next_tool_++];
      record.where = fmt::format("{}:{}", name_, tool.line);
      record.value = ToolRecord{tool.tool, tool.fields, tool.inferred};
      return true;
    }
    if (next_review_ < page_.reviews.size()) {
      const PageReview& review = page_.reviews[next_review_++];
      record.where = fmt::format("{}:{}", name_, review.line);
      ReviewRecord value{review.review, true};
      value.review.tool = page_.tools[review.tool].tool.name;
      value.review.persona = review.persona;
      value.review.source = record.where;
      record.value = std::move(value);
      return true;
    }
    return false;
  }

 private:
  void check(const std::string& text) const {
    std::size_t nul = text.find('\0');
    if (nul != std::string::npos) {
      throw RecordError(fmt::format("{}:{}: the page contains a NUL byte", name_,
                                    1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n')));
    }
    if (!is_valid_utf8(text)) throw RecordError(fmt::format("{}:1: the page is not valid UTF-8", name_));
  }

  std::string name_;
  Page page_;
  std::size_t next_persona_ = 0, next_tool_ = 0, next_review_ = 0;
};

}  // namespace

std::unique_ptr<RecordReader> make_page_reader(ByteSource& source, const std::vector<std::string>& panel) {
  return std::make_unique<PageReader>(source, panel);
}

}  // namespace toolcmp
