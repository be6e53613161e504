# Names with non-ASCII letters; keywords and soft keywords as names.
café = 1
naïve_ünïcode = café
π = 3.14159
ｆｕｌｌ_ｗｉｄｔｈ = 2
ℌ = 3
Σ_συνολο = π * 2
match = 1
case = 2
_ = match + case
type = print
print(café, naïve_ünïcode, π, ｆｕｌｌ_ｗｉｄｔｈ, ℌ, Σ_συνολο, _)
