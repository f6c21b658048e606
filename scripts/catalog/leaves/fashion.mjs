/** Clothing, footwear, watch and bag leaf categories of the demo marketplace; see ../taxonomy.mjs for the shape. */

// A fabric in a garment's name is the one it is made of (jeans are cotton denim); a saree or
// dupatta is one size for all.
const COTTON = { fabric: ["Cotton"] };
const SILK = { fabric: ["Silk"] };
const FREE_SIZE = { size: ["Free Size"] };
const FITTED = { size: ["XS", "S", "M", "L", "XL"] };
// A bag holds what its name says: a trolley of 68 cm or more is checked in, a backpack is not.
const CHECK_IN = { capacity: ["Check-in"] };
const BACKPACK = { capacity: ["25 L", "35 L"] };
export const FASHION_LEAVES = [
  {
    slug: "mens-clothing",
    name: "Men's Clothing",
    parent: "clothing",
    price: [299, 4999],
    titleDims: 2,
    lines: [
      ["Allen Solly", "Men's Slim Fit Casual Shirt", 999, 1999],
      ["Allen Solly", "Men's Polo T Shirt", 699, 1299],
      ["U.S. Polo Assn.", "Men's Cotton T Shirt", 599, 1299, COTTON],
      ["U.S. Polo Assn.", "Men's Chinos", 1299, 2499, {}, "trousers"],
      ["Levi's", "Men's 511 Slim Jeans", 1799, 3599, COTTON, "trousers"],
      ["Levi's", "Men's Graphic T Shirt", 599, 1199],
      ["Puma", "Men's Running T Shirt", 699, 1499],
      ["Puma", "Men's Track Pants", 999, 2299, {}, "trousers"],
      ["Roadster", "Men's Hooded Sweatshirt", 699, 1499],
      ["Peter England", "Men's Formal Shirt", 899, 1799],
      ["Manyavar", "Men's Kurta Pyjama Set", 2499, 4999, {}, "kurta"],
    ],
    dims: {
      size: ["S", "M", "L", "XL", "XXL"],
      colour: ["Navy", "Black", "White", "Olive", "Orange", "Maroon"],
      fabric: ["Cotton", "Polyester", "Linen Blend"],
    },
  },
  {
    slug: "womens-clothing",
    name: "Women's Clothing",
    parent: "clothing",
    price: [349, 14999],
    titleDims: 2,
    lines: [
      ["Biba", "Women's Anarkali Kurta", 1499, 3499, FITTED, "kurta"],
      ["Biba", "Women's Straight Kurta Set", 1799, 3999, FITTED, "kurta"],
      ["W", "Women's Printed Kurta", 899, 1999, FITTED, "kurta"],
      ["Libas", "Women's Kurta with Palazzo", 999, 2499, FITTED, "kurta"],
      ["FabIndia", "Women's Cotton Saree", 2499, 5999, { ...FREE_SIZE, ...COTTON }, "sheet"],
      ["FabIndia", "Women's Silk Dupatta", 1499, 3499, { ...FREE_SIZE, ...SILK }, "sheet"],
      ["Sangria", "Women's Banarasi Silk Saree", 1999, 4999, { ...FREE_SIZE, ...SILK }, "sheet"],
      ["Only", "Women's Skinny Jeans", 1299, 2999, { ...FITTED, ...COTTON }, "trousers"],
      ["Only", "Women's Top", 599, 1499, FITTED],
      ["Zivame", "Women's Cotton Nightsuit", 799, 1699, { ...FITTED, ...COTTON }],
    ],
    dims: {
      size: ["XS", "S", "M", "L", "XL", "Free Size"],
      colour: ["Red", "Mustard", "Teal", "Pink", "Purple", "Black"],
      fabric: ["Cotton", "Rayon", "Silk", "Georgette"],
    },
  },
  {
    slug: "shoes",
    name: "Shoes",
    parent: "footwear",
    price: [499, 17999],
    titleDims: 2,
    lines: [
      ["Nike", "Air Max SC Sneakers", 5499, 7499],
      ["Nike", "Revolution 7 Running Shoes", 3299, 4499],
      ["Nike", "Air Zoom Pegasus", 9999, 11999],
      ["Adidas", "Ultraboost Light Running Shoes", 13999, 17999],
      ["Adidas", "Grand Court Sneakers", 3499, 5999],
      ["Puma", "Smash v2 Sneakers", 2499, 4499],
      ["Bata", "Men's Formal Lace-Up Shoes", 1299, 2499],
      ["Bata", "Women's Sandals", 499, 1299, {}, "sandal"],
      ["Campus", "North Plus Running Shoes", 999, 1799],
      ["Woodland", "Men's Leather Boots", 3499, 5999, {}, "boot"],
      ["Skechers", "Go Walk Slip-On Shoes", 3999, 6499],
    ],
    dims: {
      size: ["UK 6", "UK 7", "UK 8", "UK 9", "UK 10"],
      colour: ["White", "Black", "Grey", "Navy", "Red"],
    },
  },
  {
    slug: "watches",
    name: "Watches",
    parent: "watches-bags",
    price: [599, 39999],
    titleDims: 1,
    lines: [
      ["Titan", "Karishma Analog Watch", 1499, 2999],
      ["Titan", "Neo Analog Watch", 2499, 4999],
      ["Fastrack", "Reflex Smart Band", 1299, 1999, { kind: "band" }, "watch"],
      ["Fastrack", "Analog Watch", 899, 1999],
      ["Casio", "G-Shock GA-2100", 8999, 10999],
      ["Casio", "Vintage A168 Digital Watch", 2999, 3999, {}, "watch"],
      ["Casio", "Edifice Chronograph", 8999, 14999],
      ["Fossil", "Grant Chronograph Watch", 9999, 13999],
      ["Timex", "Expedition Analog Watch", 2999, 4999],
    ],
    dims: {
      dial: ["Black Dial", "Blue Dial", "White Dial"],
      strap: ["Leather Strap", "Stainless Steel Strap", "Resin Strap"],
    },
    // A smart band has a screen, not a dial, and one strap: it comes in the strap's colour.
    kinds: { band: { dims: { colour: ["Black", "Blue", "White"] } } },
  },
  {
    slug: "bags-luggage",
    name: "Bags & Luggage",
    parent: "watches-bags",
    price: [499, 19999],
    titleDims: 1,
    lines: [
      ["Wildcraft", "Laptop Backpack 35 L", 1299, 2499, { capacity: ["35 L"] }],
      ["Wildcraft", "Trekking Rucksack 45 L", 2499, 4499, { capacity: ["45 L"] }],
      ["American Tourister", "Trolley Bag 68 cm", 3999, 7999, CHECK_IN, "suitcase"],
      ["American Tourister", "Casual Backpack", 999, 1999, BACKPACK],
      ["Skybags", "Laptop Backpack", 999, 2199, BACKPACK],
      ["Skybags", "Cabin Luggage", 2999, 5999, { capacity: ["Cabin"] }, "suitcase"],
      ["Safari", "Hard-Sided Trolley 77 cm", 4499, 8999, CHECK_IN, "suitcase"],
      ["Lavie", "Women's Tote Bag", 999, 2499, { capacity: ["25 L"] }, "tote"],
    ],
    dims: {
      colour: ["Black", "Blue", "Grey", "Red"],
      capacity: ["25 L", "35 L", "45 L", "Cabin", "Check-in"],
    },
  },
];
