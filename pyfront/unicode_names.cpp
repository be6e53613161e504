// \N{name}: Unicode character names, from the compressed table in
// unicode_names.inc (gen-unicode-names explains its layout).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "pyfront/unicode.h"

namespace pyfront {
namespace {

struct NameRun {
  char32_t first;
  std::uint32_t count;
};

#include "pyfront/unicode_names.inc"

// Every listed name and its code point, decoded once.
const std::unordered_map<std::string, char32_t>& listed_names() {
  static const std::unordered_map<std::string, char32_t> names = [] {
    std::array<int, 128> value{};
    for (std::size_t i = 0; i < kSymbols.size(); ++i) value[static_cast<unsigned char>(kSymbols[i])] = static_cast<int>(i);
    std::size_t chunk = 0;
    std::string_view data(kNames[0]);
    std::size_t pos = 0;
    auto number = [&] {
      const int a = value[static_cast<unsigned char>(data[pos++])];
      if (a < 50) return a;
      const int b = value[static_cast<unsigned char>(data[pos++])];
      if (a < 80) return 50 + (a - 50) * 90 + b;
      const int c = value[static_cast<unsigned char>(data[pos++])];
      return 50 + 30 * 90 + ((a - 80) * 90 + b) * 90 + c;
    };
    std::unordered_map<std::string, char32_t> out;
    out.reserve(34000);
    for (const NameRun& run : kRuns) {
      for (std::uint32_t i = 0; i < run.count; ++i) {
        if (pos == data.size()) {  // names never cross chunks
          data = kNames[++chunk];
          pos = 0;
        }
        const int words = number();
        std::string name;
        for (int w = 0; w < words; ++w) {
          if (w) name += ' ';
          name += kWords[number()];
        }
        out.emplace(std::move(name), run.first + i);
      }
    }
    return out;
  }();
  return names;
}

}  // namespace

bool lookup_unicode_name(std::string_view name, char32_t& cp) {
  // The two names made by a rule: upper case only, as in CPython.
  constexpr std::string_view kUnified = "CJK UNIFIED IDEOGRAPH-";
  if (name.substr(0, kUnified.size()) == kUnified) {
    const std::string_view hex = name.substr(kUnified.size());
    if (hex.size() != 4 && hex.size() != 5) return false;
    char32_t v = 0;
    for (char c : hex) {
      if (c >= '0' && c <= '9') v = v * 16 + static_cast<char32_t>(c - '0');
      else if (c >= 'A' && c <= 'F') v = v * 16 + static_cast<char32_t>(c - 'A' + 10);
      else return false;
    }
    for (const CodePointRange& r : kUnifiedIdeographs) {
      if (v >= r.first && v <= r.last) {
        cp = v;
        return true;
      }
    }
    return false;
  }
  constexpr std::string_view kHangul = "HANGUL SYLLABLE ";
  if (name.substr(0, kHangul.size()) == kHangul) {
    const std::string_view rest = name.substr(kHangul.size());
    for (std::size_t l = 0; l < std::size(kJamoL); ++l) {
      if (rest.substr(0, kJamoL[l].size()) != kJamoL[l]) continue;
      const std::string_view after_l = rest.substr(kJamoL[l].size());
      for (std::size_t v = 0; v < std::size(kJamoV); ++v) {
        if (after_l.substr(0, kJamoV[v].size()) != kJamoV[v]) continue;
        const std::string_view after_v = after_l.substr(kJamoV[v].size());
        for (std::size_t t = 0; t < std::size(kJamoT); ++t) {
          if (after_v == kJamoT[t]) {
            cp = static_cast<char32_t>(0xAC00 + (l * 21 + v) * 28 + t);
            return true;
          }
        }
      }
    }
    return false;
  }
  // Listed names, in any case.
  std::string upper(name);
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  const auto& names = listed_names();
  auto it = names.find(upper);
  if (it == names.end()) return false;
  cp = it->second;
  return true;
}

}  // namespace pyfront
