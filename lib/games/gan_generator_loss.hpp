#pragma once
// Which generator loss a GAN uses (bea.md §6.8(b), §7). Min–min convention:
//   saturating      E_G = E_z log(1 − D(G(z)))   (zero-sum with the discriminator's loss)
//   non-saturating  E_G = −E_z log D(G(z))       (Goodfellow et al.'s practical choice)
#include <string_view>

namespace sgdbias {

enum class GanGeneratorLoss { kSaturating, kNonSaturating };

constexpr std::string_view to_string(GanGeneratorLoss loss) {
  return loss == GanGeneratorLoss::kSaturating ? "saturating" : "non_saturating";
}

}  // namespace sgdbias
